/**
 * Japanese, the site's first language and the reference catalogue: every other locale has exactly
 * these keys (see `Messages`). Placeholders are written {name}.
 */
export const ja = {
  'site.name': '申込/契約確認サイト',
  'site.service': 'InfoSphere',
  'site.skip_to_content': '本文へスキップ',
  'site.footer_nav': 'サイト情報',
  'locale.switch_label': '表示言語',
  'locale.other': 'English',
  'locale.other_code': 'en',

  'landing.title': 'ログインアカウント（メールアドレス）への切り替えのお願い',
  'landing.intro.1':
    '2023年8月10日のシステム切り替えにより、InfoSphere の「申込/契約確認サイト」へのログイン方法が変わりました。',
  'landing.intro.2':
    '2023年7月までにご契約いただいたお客さまは、これまで契約ごとのネットワークIDとパスワードでログインしていました。今後は、メールアドレスをIDとする「ログインアカウント」への切り替えが必要です。ひとつのログインアカウントで、すべてのご契約を確認できます。',
  'landing.intro.3':
    'ログインアカウントでは、2段階認証（パスワードに加えて、電話・SMS・認証アプリなどで受け取る確認コードを入力する仕組み）が必須です。',
  'landing.excluded':
    'IPoE インターネットサービス、ダイレクトコネクト、モバイルスタンダードタイプ、専用線型インターネットのご契約は、この手続きの対象外です。',
  'landing.choose': '手続きを選んでください',
  'landing.register.heading': 'まだ切り替えていない方',
  'landing.register.description':
    '2023年7月までにご契約の方は、お手元のネットワークIDとパスワードを確認したうえで、メールアドレスを登録してください。',
  'landing.register.link': '新規登録：ログインアカウントを作成する',
  'landing.login.heading': 'ログインアカウントをお持ちの方',
  'landing.login.description':
    'メールアドレスとパスワード、2段階認証でログインします。2つ目以降のご契約の追加も、ログイン後に行えます。',
  'landing.login.link': 'ログイン',

  'register.title': 'ログインアカウントの作成',
  'login.title': 'ログイン',
  'coming_soon.body': 'この手続きは準備中です。もうしばらくお待ちください。',
  'not_found.title': 'ページが見つかりません',
  'not_found.body': 'お探しのページは移動したか、URL が間違っている可能性があります。',
  'nav.back_to_top': 'トップページへ戻る',

  'ready.label': 'システム状態',
  'ready.loading': '確認中…',
  'ready.ok': '正常に稼働しています',
  'ready.error': '一部のサービスに問題が発生しています',
};

export type MessageKey = keyof typeof ja;
export type Messages = Record<MessageKey, string>;
