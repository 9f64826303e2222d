import type { Messages } from './ja';

export const en: Messages = {
  'site.name': 'Application/Contract Confirmation Site',
  'site.service': 'InfoSphere',
  'site.skip_to_content': 'Skip to content',
  'site.footer_nav': 'Site information',
  'locale.switch_label': 'Language',
  'locale.other': '日本語',
  'locale.other_code': 'ja',

  'landing.title': 'Please switch to a login account (email address)',
  'landing.intro.1':
    'Since the system change of 10 August 2023, signing in to the InfoSphere Application/Contract Confirmation Site works differently.',
  'landing.intro.2':
    'Customers who contracted by July 2023 used to sign in with a network ID and password for each contract. You now need to switch to a login account identified by your email address. One login account shows all of your contracts.',
  'landing.intro.3':
    'Two-step verification is mandatory for login accounts: besides your password, you enter a code received by phone call, text message, authenticator app or similar.',
  'landing.excluded':
    'Contracts for IPoE internet service, Direct Connect, Mobile Standard type and dedicated-line internet are not covered by this procedure.',
  'landing.choose': 'Choose your procedure',
  'landing.register.heading': 'Not switched yet',
  'landing.register.description':
    'If you contracted by July 2023, have your network ID and its password at hand, then register your email address.',
  'landing.register.link': 'Registration: create a login account',
  'landing.login.heading': 'Already have a login account',
  'landing.login.description':
    'Log in with your email address, password and two-step verification. You can add your other contracts after logging in.',
  'landing.login.link': 'Log in',

  'register.title': 'Create a login account',
  'login.title': 'Log in',
  'coming_soon.body': 'This step is coming soon. Thank you for your patience.',
  'not_found.title': 'Page not found',
  'not_found.body': 'The page you are looking for may have moved, or the address may be wrong.',
  'nav.back_to_top': 'Back to the top page',

  'ready.label': 'System status',
  'ready.loading': 'Checking…',
  'ready.ok': 'All services are running',
  'ready.error': 'Some services are having problems',
};
