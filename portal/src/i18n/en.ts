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
    'If you contracted by July 2023, check the procedure that matches your contract. Have your network ID, its password and an email address you can receive at hand.',
  'landing.register.link': 'About switching to a login account',
  'landing.login.heading': 'Already have a login account',
  'landing.login.description':
    'Log in with your email address, password and two-step verification. You can add your other contracts after logging in.',
  'landing.login.link': 'Log in',

  'register.title': 'Create a login account',
  'login.title': 'Log in',
  'not_found.title': 'Page not found',
  'not_found.body': 'The page you are looking for may have moved, or the address may be wrong.',
  'nav.back_to_top': 'Back to the top page',

  'nav.new_tab': ' (opens in a new tab)',
  'form.required': 'Required',
  'form.submitting': 'Please wait…',
  'form.retry': 'Try again',
  'password.show_label': 'Show {label}',
  'password.hide_label': 'Hide {label}',
  'password.show': 'Show',
  'password.hide': 'Hide',

  'landing.password.heading': 'No password email?',
  'landing.password.description':
    'The link to set your password is valid for 24 hours. If it has expired or you cannot find the email, request a new link.',
  'landing.password.link': 'Send me a new password link',

  'migration.title': 'Switching to an Application/Contract Confirmation Site login account',
  'migration.intro':
    'With the InfoSphere system change of 10 August 2023, customers who contracted InfoSphere by July 2023 are asked to switch from signing in per network ID to an Application/Contract Confirmation Site login account, identified by an email address.',
  'migration.excluded':
    'Contracts for IPoE internet service, Direct Connect, Mobile Standard type and dedicated-line internet are not covered by this procedure.',
  'migration.choose': 'Choose the case that matches your contract',
  'migration.choice1.title': 'You contracted InfoSphere® in August 2023 or later',
  'migration.choice1.body':
    'Nothing to do. Log in to the Application/Contract Confirmation Site with the login account (email address) and password you registered when you contracted.',
  'migration.choice2.title':
    'You have had InfoSphere® since July 2023 or earlier, and have already migrated your network ID to the Application/Contract Confirmation Site',
  'migration.choice2.body':
    'Log in with the login account (email address) you created when migrating. Network IDs you have not migrated yet can be added after logging in.',
  'migration.choice3.title':
    'You have had InfoSphere® since July 2023 or earlier, and have not yet migrated your network ID to the Application/Contract Confirmation Site',
  'migration.flow.title': 'How to migrate a network ID contracted by July 2023',
  'migration.flow.step1':
    'Enter one of your network IDs and its password (the one you used on the online information reference/change site).',
  'migration.flow.step2':
    'Enter the email address to use as your login account, agree to the terms of use and the privacy policy, and register.',
  'migration.flow.step3':
    'Set your password from the link in the email sent to that address (the link is valid for 24 hours).',
  'migration.flow.step4': 'Log in to the Application/Contract Confirmation Site and set up two-step verification.',
  'migration.flow.step5': 'If you have several contracts, migrate the other network IDs after logging in.',
  'migration.flow.note.lock':
    'After 3 or more wrong passwords, the procedure is unavailable for a while (about 10 minutes).',
  'migration.flow.note.one_id':
    'If you have several contracts, register with one network ID first. You migrate the others afterwards.',
  'migration.flow.note.unknown':
    'If you do not know your network ID or password, please contact the InfoSphere support desk.',
  'migration.flow.start': 'Go to the registration page',
  'migration.flow.more':
    'If you already created a login account and want to migrate your remaining network IDs, log in here.',
  'migration.flow.more_link': 'Go to the migration login page',
  'migration.login': 'Go to the login page',
  'migration.multi.title': 'Customers with several InfoSphere contracts',
  'migration.multi.few.title': '2 to 4 InfoSphere contracts',
  'migration.multi.few.body':
    'Create your login account with one network ID first, then add the remaining network IDs one by one after logging in. Each network ID you add needs its own password.',
  'migration.multi.bulk.title': '5 or more InfoSphere contracts with consolidated billing',
  'migration.multi.bulk.body':
    'If your invoices or direct debits are consolidated into one bill, our support desk can transfer all of your contracts at once. First register one network ID as described in “3.” above to create your login account, then ask for the bulk transfer.',
  'migration.multi.bulk.request':
    'When asking, choose the inquiry category “Billing and procedures” and give your login account (email address), the network ID you migrated when registering (that one only), and remarks (“Top Cruise contract” if your Top Cruise invoices are consolidated with InfoSphere, otherwise blank).',
  'migration.multi.bulk.wait': 'The bulk transfer may take 1 to 2 weeks to complete.',
  'migration.multi.bulk.not_consolidated':
    'Without consolidated billing we cannot do a bulk transfer. Please migrate your contracts one by one, as for 2 to 4 contracts.',

  'register.steps.label': 'Registration steps',
  'register.steps.1': 'Verify network ID',
  'register.steps.2': 'Register email',
  'register.steps.3': 'Done',
  'register.step1.heading': 'Enter your network ID and password',
  'register.step1.intro':
    'Enter one of your network IDs and its password, then press “Next”. The password is the one you used to sign in to the online information reference/change site.',
  'register.step1.one_id':
    'If you have several contracts, enter any one of your network IDs. You can migrate the others after logging in.',
  'register.step1.lock_note':
    'After 3 or more wrong passwords, the procedure is unavailable for a while (about 10 minutes).',
  'register.step1.unknown_note': 'If you do not know your network ID or password, please contact the InfoSphere support desk.',
  'register.network_id.label': 'Network ID',
  'register.network_id.hint': 'Example: IS00012345 (full-width characters are read as half-width)',
  'register.legacy_password.label': 'Password',
  'register.legacy_password.hint': 'The password of this network ID',
  'register.step1.submit': 'Next',
  'register.step2.heading': 'Register your Application/Contract Confirmation Site login account',
  'register.step2.verified': 'Verified contract',
  'register.step2.network_id': 'Network ID',
  'register.step2.service': 'Service',
  'register.step2.intro': 'Enter the email address you want to use as your login account (login ID).',
  'register.email.label': 'Email address',
  'register.email.hint':
    'This can be the address on file for your InfoSphere contract or any other address. Either way, enter an address where you can receive email now.',
  'register.terms.intro':
    'Please read the <terms>terms of use</terms> and the <privacy>privacy policy</privacy>, and tick the box if you agree.',
  'register.agree.label': 'I agree to the terms of use and the privacy policy',
  'register.step2.expires': 'This page is valid until {time}. Please complete your registration before then.',
  'register.step2.submit': 'Register',
  'register.step2.back': 'Back to the network ID',
  'register.done.heading': 'Registration received',
  'register.done.sent':
    'We have sent an email with the subject “「申込/契約確認サイト」ログインアカウント(メールアドレス)への切り替え完了のご案内” to <email>{email}</email>.',
  'register.done.next':
    'Set your password from the link in that email. The link is valid for 24 hours. Once your password is set, you can log in.',
  'register.done.existing':
    'If you already have a login account with this email address, follow the email: log in and add the network ID there.',
  'register.done.not_arrived.title': 'If the email does not arrive',
  'register.done.not_arrived.wait': 'Email can take a few minutes to arrive.',
  'register.done.not_arrived.spam': 'Check your spam or junk folder.',
  'register.done.not_arrived.filter':
    'If you filter incoming mail (for example by sender domain), make sure our emails are allowed.',
  'register.done.not_arrived.resend':
    'If it still does not arrive, or the link has expired, <link>request a new password link</link>.',
  'register.done.close': 'Close',

  'password_set.title': 'Reset password',
  'password_set.checking': 'Checking your link…',
  'password_set.intro': 'Enter the password for the login account {email}.',
  'password_set.initial_note':
    'The button says “Reset password”, but this page also sets your first password.',
  'password_set.rules.title': 'Password rules',
  'password_set.rules.length': '10 to 128 characters (symbols and spaces are allowed)',
  'password_set.rules.common': 'Common, easily guessed passwords cannot be used',
  'password_set.rules.personal': 'Do not include your email address or network ID',
  'password_set.new.label': 'New password',
  'password_set.confirm.label': 'New password (again)',
  'password_set.strength.label': 'Password strength',
  'password_set.strength.empty': 'not entered',
  'password_set.strength.too_short': 'too short',
  'password_set.strength.weak': 'weak',
  'password_set.strength.fair': 'fair',
  'password_set.strength.good': 'strong',
  'password_set.strength.strong': 'very strong',
  'password_set.submit': 'Reset password',
  'password_set.done.heading': 'Your password is set',
  'password_set.done.body': 'The password of the login account {email} has been set.',
  'password_set.done.next':
    'Log in with your email address and new password. At your first login you will set up two-step verification.',
  'password_set.done.login': 'Go to the login page',
  'password_set.invalid.heading': 'This link is not valid',
  'password_set.invalid.body':
    'The link has expired (after 24 hours) or has already been used. Please request a new link.',
  'password_set.invalid.request': 'Request a new link',

  'password_request.title': 'Request a new password link',
  'password_request.intro':
    'Enter the email address of your login account. We will email you a new link to set your password.',
  'password_request.note': 'Once a new link is sent, earlier unused links stop working.',
  'password_request.email.label': 'Email address',
  'password_request.submit': 'Send',
  'password_request.done.heading': 'Request received',
  'password_request.done.body':
    'If the address you entered belongs to a login account, we have sent it an email with the subject “「申込/契約確認サイト」パスワード設定のご案内”.',
  'password_request.done.expiry': 'The link in the email is valid for 24 hours.',
  'password_request.done.spam':
    'If the email does not arrive, check your spam folder and make sure the address you entered is correct.',

  'login.heading': 'Log in to the Application/Contract Confirmation Site',
  'login.intro':
    'Enter your login account (email address) and password, then click “Log in to the Application/Contract Confirmation Site”.',
  'login.mfa_note':
    'Two-step verification cannot be turned off: it is required at every login. At your first login you set it up.',
  'login.email.label': 'Login account (email address)',
  'login.password.label': 'Password',
  'login.submit': 'Log in to the Application/Contract Confirmation Site',
  'login.forgot':
    'If you forgot your password or have not set one yet, <link>request a new password link</link>.',
  'login.no_account':
    'If you used to log in with a network ID, you first need to <link>switch to a login account</link>.',
  'login.signed_out': 'You have logged out.',
  'login.continue': 'Continue',
  'login.code.label': 'Enter the 6-digit code',
  'login.code.hint': '6 digits (for example 123456). The code changes every 30 seconds.',
  'login.copy.done': 'Copied.',
  'login.copy.failed': 'Could not copy. Please note down the characters shown.',

  'login.enroll.title': 'Set up two-step verification',
  'login.enroll.intro':
    'A one-time password is a disposable password that works once, for one login. To protect your information, please set up two-step verification.',
  'login.enroll.method': 'Set up with an authenticator app or browser extension',
  'login.enroll.method_note':
    'Method 3, a browser extension (on a computer), and method 4, an authenticator app (on a smartphone: Google Authenticator, Microsoft Authenticator and others), are both set up on this page.',
  'login.enroll.recommended':
    'We recommend an authenticator app or browser extension over text messages and voice calls. Codes sent by SMS or voice call can be read by others, for example after a phone number is hijacked, so they are considered less secure.',
  'login.enroll.loading': 'Preparing the setup…',
  'login.enroll.scan': 'In your authenticator app or extension, choose “Scan a QR code” and scan this QR code.',
  'login.enroll.qr_alt': 'QR code for setting up two-step verification',
  'login.enroll.open_app': 'Open in an authenticator app on this device',
  'login.enroll.manual':
    'If you cannot scan the QR code, enter this setup key in your authenticator app by hand (type: time based).',
  'login.enroll.secret_label': 'Setup key',
  'login.enroll.secret_copy': 'Copy the setup key',
  'login.enroll.enter_code':
    'Enter the one-time password shown in your authenticator app or extension in “Enter the 6-digit code”, then click “Continue”.',

  'login.other.toggle': 'Try another method',
  'login.other.heading': 'Other methods',
  'login.other.voice': 'Phone (voice call)',
  'login.other.sms': 'Phone (text message, SMS)',
  'login.other.email': 'Email',
  'login.other.unavailable': 'not available yet',
  'login.other.unavailable_note':
    'Verification by voice call, SMS and email is not available yet. For now, please use an authenticator app or browser extension.',
  'login.other.email_note':
    'Email can be used from your second verification on, after a first one by methods 1 to 4.',
  'login.other.recovery': 'Use the recovery code',

  'login.recovery.title': 'Recovery code',
  'login.recovery.once': 'Here is your recovery code. It is shown only this once.',
  'login.recovery.replaced':
    'The recovery code you logged in with no longer works. Here is your new recovery code. It is shown only this once.',
  'login.recovery.code_label': 'Recovery code',
  'login.recovery.copy': 'Copy the recovery code',
  'login.recovery.what':
    'You need this recovery code to log in when you cannot complete two-step verification, for example when the device with your one-time passwords is unavailable. Please be sure to keep it.',
  'login.recovery.lost':
    'If you lose the recovery code and cannot use the device with your one-time passwords, you may be unable to log in to your account.',
  'login.recovery.both_lost':
    'If you lose both the device and the recovery code, the InfoSphere support desk will need to verify your identity.',
  'login.recovery.keep':
    'Keep it somewhere safe that others cannot see, for example written on paper or in a password manager.',
  'login.recovery.instruction': 'Tick “I have safely recorded the code”, then click “Continue”.',
  'login.recovery.recorded': 'I have safely recorded the code',

  'login.challenge.title': 'Verify it’s you',
  'login.challenge.intro':
    'Enter the one-time password shown in your authenticator app or browser extension in “Enter the 6-digit code”, then click “Continue”.',
  'login.remember.label': 'Remember this device for 30 days',
  'login.remember.hint':
    'When ticked, logging in on this device (browser) skips the one-time password for 30 days. Do not tick this on a shared computer.',
  'login.recovery_input.heading': 'Log in with the recovery code',
  'login.recovery_input.intro':
    'If the device with your one-time passwords is unavailable, you can log in with your recovery code. The code you use stops working, and a new recovery code is shown.',
  'login.recovery_input.label': 'Recovery code',
  'login.recovery_input.hint': 'Enter the recovery code you recorded. Hyphens and upper or lower case do not matter.',
  'login.recovery_input.submit': 'Log in with the recovery code',
  'login.recovery_input.back': 'Enter a code from the authenticator app',

  'factor.totp': 'Authenticator app or browser extension',
  'factor.sms': 'Phone (SMS)',
  'factor.voice': 'Phone (voice call)',
  'factor.email': 'Email',
  'factor.other': 'Other method',
  'factor.with_label': '{type} ({label})',

  'account.title': 'Account',
  'account.loading': 'Checking your login…',
  'account.signed_in_as': 'You are logged in as <email>{email}</email>.',
  'account.coming_soon': 'Viewing your contracts and adding network IDs will be added to this page in a later release.',
  'account.logout': 'Log out',

  'terms.title': 'Terms of use',
  'privacy.title': 'Privacy policy',
  'policy.version': 'Version: {version}',
  'policy.version_loading': 'Version: checking…',
  'policy.version_unknown': 'Version: could not be retrieved',
  'policy.placeholder': 'The text will be published here soon.',

  'validation.network_id.required': 'Enter your network ID.',
  'validation.network_id.format':
    'This does not look like a network ID. Please check the network ID in your contract documents.',
  'validation.password.required': 'Enter your password.',
  'validation.email.required': 'Enter your email address.',
  'validation.email.invalid': 'Enter a valid email address (for example taro@example.jp).',
  'validation.agree_terms.required': 'To register, you need to agree to the terms of use and the privacy policy.',
  'validation.new_password.required': 'Enter a new password.',
  'validation.password.too_short': 'Use at least 10 characters.',
  'validation.password.too_long': 'Use at most 128 characters.',
  'validation.password.common': 'This password is too common. Please choose one that is harder to guess.',
  'validation.password.personal': 'Do not include your email address or network ID in the password.',
  'validation.confirm.required': 'Enter the same password again to confirm it.',
  'validation.confirm.mismatch': 'The passwords do not match.',
  'validation.code.required': 'Enter the 6-digit code.',
  'validation.code.format': 'The code is 6 digits.',
  'validation.code.invalid': 'The code is not correct. Enter the latest 6-digit code shown in your authenticator app.',
  'validation.recovery_code.required': 'Enter your recovery code.',
  'validation.recovery_code.invalid': 'The recovery code is not correct or has already been used.',
  'validation.recorded.required': 'To continue, record your recovery code and tick “I have safely recorded the code”.',

  'error.invalid_credentials':
    'The network ID or password is incorrect. Please check what you entered. After 3 or more wrong passwords, the procedure is unavailable for about 10 minutes.',
  'error.locked':
    'Because of repeated wrong entries, this network ID is temporarily blocked. Please try again after {time}.',
  'error.locked_no_time':
    'Because of repeated wrong entries, this network ID is temporarily blocked. Please try again in about 10 minutes.',
  'error.countdown': 'Available again in {minutes} min {seconds} s',
  'error.countdown_done': 'You can try again now.',
  'error.locked_contact_support':
    'For your security, this network ID has been blocked. Please contact the InfoSphere support desk.',
  'error.rate_limited': 'Too many attempts in a short time. Please try again after {time}.',
  'error.rate_limited_no_time': 'Too many attempts in a short time. Please wait a while and try again.',
  'error.excluded_service':
    '{service} contracts are not covered by this procedure (switching to a login account), so this network ID cannot be registered. If you have another InfoSphere network ID, please enter that one.',
  'error.excluded_service.unnamed': 'This service’s',
  'error.cancelled_contract':
    'The contract of this network ID has been cancelled, so it cannot be registered. If you have another active network ID, please enter that one.',
  'error.post_cutover_contract':
    'This network ID was contracted in August 2023 or later, so there is nothing to migrate. Please log in with the login account (email address) you registered when you contracted.',
  'error.already_linked':
    'This network ID has already been migrated. Please log in with your login account (email address).',
  'error.login_link': 'Go to the login page',
  'error.flow_expired':
    'Your registration could not be completed because it expired (after 30 minutes). Please start again with your network ID and password.',
  'error.link_invalid': 'This link has expired or has already been used.',
  'error.invalid_input': 'Some entries are not valid. Please check each field.',
  'error.login.invalid_credentials': 'The email address or password is incorrect. Please check what you entered.',
  'error.login.flow_expired':
    'Your login expired (after 15 minutes). Please start again with your email address and password.',
  'error.wrong_step':
    'This login has moved on in another window, so it cannot continue here. Please start again with your email address and password.',
  'error.invalid_code': 'The code is not correct.',
  'error.factor_locked':
    'Because of repeated wrong codes, logging in with this method is blocked. Use your recovery code under “Try another method”, or contact the InfoSphere support desk.',
  'error.not_signed_in': 'You are not logged in, or your login has expired. Please log in again.',
  'error.csrf_token_invalid': 'This page is out of date. Please reload it and try again.',
  'error.network': 'We could not reach the server. Please check your internet connection and try again.',
  'error.server': 'A system problem occurred. Please try again later.',
  'error.unexpected': 'We could not complete this. Please try again later. (Error code: {code})',

  'account.security_link': 'Two-factor authentication settings (methods, remembered devices, recovery code)',
  'security.title': 'Two-factor authentication settings',
  'security.loading': 'Loading your settings…',
  'security.back': 'Back to your account',
  'security.intro': 'Two-factor authentication cannot be turned off. Before you add or remove a method or get a new recovery code, we ask for a one-time code to confirm it is you.',
  'security.factors.heading': 'Your sign-in methods',
  'security.factors.enrolled': 'Added: {date}',
  'security.factors.last_used': 'Last used: {date}',
  'security.factors.never_used': 'Last used: not yet',
  'security.factors.phone': 'Phone number: {phone}',
  'security.factors.remove': 'Remove',
  'security.factors.remove_label': 'Remove {name}',
  'security.factors.last_note': 'This is your only method, so it cannot be removed: two-factor authentication is required. Add another method first.',
  'security.factors.add': 'Add an authenticator app',
  'security.add.heading': 'Add an authenticator app',
  'security.add.loading': 'Preparing…',
  'security.add.enter_code': 'Enter the 6-digit code shown by the app or extension you are adding, and select “Add”.',
  'security.add.submit': 'Add',
  'security.cancel': 'Cancel',
  'security.recovery.heading': 'Recovery code',
  'security.recovery.exists': 'You have a recovery code. If you have lost it, get a new one (the old one stops working).',
  'security.recovery.none': 'You have no valid recovery code. Get a new one and keep it somewhere safe.',
  'security.recovery.new': 'Get a new recovery code',
  'security.recovery.shown_once': 'This is your new recovery code. It is shown only this once. Your previous recovery code no longer works.',
  'security.recovery.done': 'Done',
  'security.devices.heading': 'Remembered devices',
  'security.devices.intro': 'Devices where you chose “Remember this device for 30 days” skip the one-time code. Revoke any you do not recognise or no longer use.',
  'security.devices.none': 'No devices are remembered.',
  'security.devices.until': 'Remembered until: {date}',
  'security.devices.revoke': 'Revoke',
  'security.devices.revoke_label': 'Revoke {name}',
  'security.sessions.heading': 'Other sessions',
  'security.sessions.count': 'Besides this browser, {count} other session(s) are signed in.',
  'security.sessions.none': 'No other sessions are signed in.',
  'security.sessions.end': 'End all other sessions',
  'security.sessions.ended': 'Ended {count} other session(s).',
  'security.step_up.heading': 'Confirm it is you',
  'security.step_up.intro': 'To make this change, enter the 6-digit code shown by your authenticator app or browser extension, and select “Confirm”.',
  'security.step_up.for_add': 'Change: add an authenticator app',
  'security.step_up.for_remove': 'Change: remove {name}',
  'security.step_up.for_recovery': 'Change: new recovery code',
  'security.step_up.submit': 'Confirm',
  'security.notice.added': 'The authenticator app was added.',
  'security.notice.removed': 'The method was removed.',
  'security.notice.recovery': 'A new recovery code was issued.',
  'security.notice.revoked': 'The device is no longer remembered.',
  'security.notice.mail': 'We sent a notice of this change to your email address. If you did not make it, end the other sessions and change your password.',
  'error.step_up_required': 'Your confirmation expired (after 5 minutes). Please enter a code again.',
  'error.last_factor': 'Your last method cannot be removed. Add another method first.',
  'error.factor_not_found': 'This method has already been removed.',
  'error.device_not_found': 'This device has already been revoked.',

  'ready.label': 'System status',
  'ready.loading': 'Checking…',
  'ready.ok': 'All services are running',
  'ready.error': 'Some services are having problems',
  'code.phone.heading': 'Phone number',
  'code.phone.label': 'Phone number',
  'code.phone.hint': 'Enter the number without the leading “0” and without hyphens: for 090-0000-0000, enter 9000000000. The written form 090-0000-0000 also works. Japanese numbers only.',
  'code.phone.change': 'Enter the phone number again',
  'code.channel.legend': 'How to receive the code',
  'code.channel.voice': 'Voice call',
  'code.channel.sms': 'SMS',
  'code.sent.voice': 'We are calling {to}; a voice will read out a 6-digit code.',
  'code.sent.sms': 'We sent a 6-digit code by text message (SMS) to {to}.',
  'code.sent.email': 'We sent a 6-digit code by email (subject: Your authentication code) to {to}.',
  'code.hint': '6 digits (for example 123456). The code is valid for 5 minutes.',
  'code.missing.voice': 'If no call comes, click “Call again”.',
  'code.missing.sms': 'If no text arrives, click “Send text” to send it again.',
  'code.missing.email': 'If no email arrives, click “Send the email again”.',
  'code.resend.voice': 'Call again',
  'code.resend.sms': 'Send text',
  'code.resend.email': 'Send the email again',
  'code.resend.wait': 'You can resend in {seconds} s',
  'code.send.voice': 'Call me',
  'code.send.sms': 'Send a code by SMS',
  'code.send.email': 'Send a code by email',
  'login.enroll.phone_heading': 'Set up with your phone (voice call or SMS)',
  'login.enroll.phone_intro': 'Enter your phone number, choose “Voice call” or “SMS”, then click “Continue”. A 6-digit code is sent to that number.',
  'login.enroll.phone_warning': 'Codes sent by SMS or voice call can be read by others, for example after a phone number is hijacked, so they are less secure than an authenticator app. Please use an authenticator app or browser extension if you can.',
  'login.enroll.back_to_app': 'Set up with an authenticator app or browser extension',
  'login.other.app': 'Authenticator app or browser extension',
  'login.challenge.code_intro': 'Receive a 6-digit code by {method} and enter it.',
  'validation.phone.required': 'Enter your phone number.',
  'validation.phone.invalid': 'Enter a valid phone number (for example 9000000000).',
  'validation.phone.not_japan': 'Enter a Japanese phone number.',
  'validation.phone.unsupported_type': 'This number cannot be used with the chosen method. Use a mobile number for SMS.',
  'validation.code.expired': 'The code has expired. Send a new code.',
  'validation.code.exhausted': 'Too many wrong codes were entered, so this code no longer works. Send a new code.',
  'error.send_cooldown': 'A code was just sent. Try again in {seconds} s.',
  'error.send_limit': 'The limit of codes sent has been reached. Try again in {seconds} s.',
  'error.invalid_phone': 'Enter a valid phone number.',
  'error.code_expired': 'The code has expired. Send a new code.',
  'error.code_attempts_exhausted': 'Too many wrong codes were entered. Send a new code.',
  'error.email_requires_other_factor': 'Email can be used only after a first verification by another method (methods 1 to 4).',
  'security.factors.add_sms': 'Add SMS',
  'security.factors.add_voice': 'Add a voice call',
  'security.factors.add_email': 'Add email',
  'security.add_code.heading_phone': 'Add a phone (voice call or SMS)',
  'security.add_code.heading_email': 'Add email',
  'security.add_code.email_intro': 'A code is sent to the email address of your login account.',
  'security.step_up.for_add_code': 'Change: add {name}',
  'security.step_up.method': 'Method to confirm with',
  'security.step_up.intro_code': 'To make this change, enter the 6-digit code sent to the chosen method, then click “Confirm”.',
  'login.other.email_later': 'available after a first setup',
};
