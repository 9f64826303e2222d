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
    '2023年7月までにご契約の方は、ご契約の状況に合わせた手続きをご確認ください。お手元のネットワークIDとパスワード、受信できるメールアドレスをご用意ください。',
  'landing.register.link': 'ログインアカウントへの切り替えについて',
  'landing.login.heading': 'ログインアカウントをお持ちの方',
  'landing.login.description':
    'メールアドレスとパスワード、2段階認証でログインします。2つ目以降のご契約の追加も、ログイン後に行えます。',
  'landing.login.link': 'ログイン',

  'register.title': 'ログインアカウントの作成',
  'login.title': 'ログイン',
  'not_found.title': 'ページが見つかりません',
  'not_found.body': 'お探しのページは移動したか、URL が間違っている可能性があります。',
  'nav.back_to_top': 'トップページへ戻る',

  'nav.new_tab': '（新しいタブで開きます）',
  'form.required': '必須',
  'form.submitting': '処理中…',
  'form.retry': 'もう一度試す',
  'password.show_label': '{label}を表示する',
  'password.hide_label': '{label}を隠す',
  'password.show': '表示',
  'password.hide': '隠す',

  'landing.password.heading': 'パスワード設定のメールが届かない方',
  'landing.password.description':
    'パスワード設定用のリンクの有効期限は24時間です。期限が切れた場合やメールが見つからない場合は、新しいリンクをお申し込みください。',
  'landing.password.link': 'パスワード設定リンクを再送する',

  'migration.title': '「申込/契約確認サイト」ログインアカウントへの切り替えに関して',
  'migration.intro':
    '2023年8月10日のInfoSphereシステム切り替えに伴い、2023年7月までにInfoSphereをご契約されているお客さまには、ネットワークIDごとのログインから、メールアドレスをログインIDとする「申込/契約確認サイト」ログインアカウントへの切り替えをお願いしております。',
  'migration.excluded':
    '※IPoEインターネットサービス、ダイレクトコネクト、モバイルスタンダードタイプ、専用線型インターネットのご契約は、この手続きの対象外です。',
  'migration.choose': 'ご契約の状況に合わせて、次のいずれかを選択してください',
  'migration.choice1.title': '2023年8月以降にInfoSphere®をご契約された場合',
  'migration.choice1.body':
    'お手続きは不要です。ご契約時に登録したログインアカウント（メールアドレス）とパスワードで「申込/契約確認サイト」へログインしてください。',
  'migration.choice2.title':
    '2023年7月以前よりInfoSphere®をご契約中で、かつ「申込/契約確認サイト」へのご契約ネットワークIDの移行登録がお済みの場合',
  'migration.choice2.body':
    '移行登録の際に作成したログインアカウント（メールアドレス）でログインしてください。まだ移行していないネットワークIDがある場合は、ログイン後に追加できます。',
  'migration.choice3.title':
    '2023年7月以前よりInfoSphere®をご契約中で、かつ「申込/契約確認サイト」へのご契約ネットワークIDの移行登録がお済みでない場合',
  'migration.flow.title': '2023年7月以前よりInfoSphere®をご契約中のネットワークIDの移行登録の流れ',
  'migration.flow.step1':
    'ご契約中のネットワークIDと、そのパスワード（これまでオンライン情報参照/変更サイトのログインに使っていたもの）を入力します。',
  'migration.flow.step2':
    'ログインアカウントとして使うメールアドレスを入力し、利用規約および個人情報保護方針に同意して登録します。',
  'migration.flow.step3':
    '登録したメールアドレス宛てに届くメールのリンクから、パスワードを設定します（リンクの有効期限は24時間）。',
  'migration.flow.step4': '「申込/契約確認サイト」にログインし、二要素認証を設定します。',
  'migration.flow.step5': 'ご契約が複数ある場合は、ログイン後に残りのネットワークIDを移行します。',
  'migration.flow.note.lock':
    '※誤ったパスワードを3回以上入力すると、一定時間（約10分）の間お手続きを行うことができません。',
  'migration.flow.note.one_id':
    '※ご契約を複数お持ちのお客さまは、まずいずれかのネットワークID1つで登録してください。残りのネットワークIDは後程移行していただきます。',
  'migration.flow.note.unknown':
    '※ネットワークIDやパスワードがご不明なお客さまは、InfoSphereのお問い合わせ窓口へお問い合わせください。',
  'migration.flow.start': '登録ログインページへ',
  'migration.flow.more':
    'すでにログインアカウントを作成済みで、残りのネットワークIDを移行する場合は、こちらからログインしてください。',
  'migration.flow.more_link': '移行ログインページへ',
  'migration.login': 'ログインページへ',
  'migration.multi.title': '複数のInfoSphereをご契約のお客さま',
  'migration.multi.few.title': 'InfoSphereを2〜4個ご契約のお客さま',
  'migration.multi.few.body':
    'まずネットワークID1つでログインアカウントを作成し、ログイン後に残りのネットワークIDを1つずつ追加してください。追加するネットワークIDごとに、そのパスワードが必要です。',
  'migration.multi.bulk.title': 'InfoSphereを5個以上ご契約、かつ同一請求のお客さま',
  'migration.multi.bulk.body':
    '複数の請求書・口座振替を1つにまとめて請求（同一請求）されているお客さまは、弊社窓口にて一括移行を承ります。まず上記「3.」の手順でネットワークID1つを登録してログインアカウントを作成し、その後に一括移行をご依頼ください。',
  'migration.multi.bulk.request':
    'ご依頼の際は、お問い合わせ分類「料金や各種手続きなどのお問い合わせ」を選択し、ログインアカウント（メールアドレス）、登録時に移行したネットワークID（その1つだけで構いません）、その他備考（InfoSphereのほかにトップクルーズの請求書をおまとめの場合は「トップクルーズ契約」、それ以外は空欄）をお知らせください。',
  'migration.multi.bulk.wait': '一括移行の完了まで1〜2週間ほどお時間をいただく場合があります。',
  'migration.multi.bulk.not_consolidated':
    '同一請求をされていないお客さまは、一括移行を承ることができません。「2〜4個ご契約のお客さま」と同じ手順で、1つずつ移行してください。',

  'register.steps.label': '登録の手順',
  'register.steps.1': 'ネットワークIDの確認',
  'register.steps.2': 'メールアドレスの登録',
  'register.steps.3': '登録完了',
  'register.step1.heading': 'ネットワークIDとパスワードの入力',
  'register.step1.intro':
    'ご契約中のネットワークIDとパスワードを入力し、「次へ進む」を押してください。パスワードは、これまでオンライン情報参照/変更サイトのログインに使っていたものです。',
  'register.step1.one_id':
    'ご契約を複数お持ちの場合は、いずれかのネットワークID1つを入力してください。残りのネットワークIDは、ログイン後に移行できます。',
  'register.step1.lock_note':
    '誤ったパスワードを3回以上入力すると、一定時間（約10分）の間お手続きを行うことができません。',
  'register.step1.unknown_note':
    'ネットワークIDやパスワードがご不明な場合は、InfoSphereのお問い合わせ窓口へお問い合わせください。',
  'register.network_id.label': 'ネットワークID',
  'register.network_id.hint': '例：IS00012345（全角で入力しても半角として扱います）',
  'register.legacy_password.label': 'パスワード',
  'register.legacy_password.hint': 'このネットワークIDのパスワード',
  'register.step1.submit': '次へ進む',
  'register.step2.heading': '「申込/契約確認サイト」ログインアカウントの登録',
  'register.step2.verified': '確認できたご契約',
  'register.step2.network_id': 'ネットワークID',
  'register.step2.service': 'サービス',
  'register.step2.intro': 'ログインアカウント（ログインID）として使うメールアドレスを入力してください。',
  'register.email.label': 'メールアドレス',
  'register.email.hint':
    'InfoSphereのご契約情報として登録済みのメールアドレスでも、ほかのメールアドレスでも構いません。いずれも、現在受信できるメールアドレスを入力してください。',
  'register.terms.intro':
    '<terms>利用規約</terms>および<privacy>個人情報保護方針</privacy>をご確認のうえ、同意いただける場合はチェックを入れてください。',
  'register.agree.label': '利用規約および個人情報保護方針に同意する',
  'register.step2.expires': 'この画面は{time}まで有効です。それまでに登録を完了してください。',
  'register.step2.submit': '登録する',
  'register.step2.back': 'ネットワークIDの入力に戻る',
  'register.done.heading': '登録を受け付けました',
  'register.done.sent':
    '<email>{email}</email> 宛てに、件名「「申込/契約確認サイト」ログインアカウント(メールアドレス)への切り替え完了のご案内」のメールをお送りしました。',
  'register.done.next':
    'メールに記載されたリンクから、パスワードを設定してください。リンクの有効期限は24時間です。パスワードを設定すると、ログインできるようになります。',
  'register.done.existing':
    'このメールアドレスでログインアカウントをすでにお持ちの場合は、メールのご案内に沿ってログインし、ネットワークIDを追加してください。',
  'register.done.not_arrived.title': 'メールが届かない場合',
  'register.done.not_arrived.wait': 'メールが届くまで数分かかることがあります。',
  'register.done.not_arrived.spam': '迷惑メールフォルダに振り分けられていないかご確認ください。',
  'register.done.not_arrived.filter':
    'ドメイン指定受信などを設定している場合は、当社からのメールを受信できるよう設定をご確認ください。',
  'register.done.not_arrived.resend':
    'それでも届かない場合やリンクの有効期限が切れた場合は、<link>パスワード設定リンクの再送</link>から新しいリンクをお申し込みください。',
  'register.done.close': '閉じる',

  'password_set.title': 'パスワード再設定',
  'password_set.checking': 'リンクを確認しています…',
  'password_set.intro': 'ログインアカウント（{email}）に設定するパスワードを入力してください。',
  'password_set.initial_note':
    '「パスワードを再設定する」と表示されていますが、この画面でパスワードの初期設定も行えますのでご安心ください。',
  'password_set.rules.title': 'パスワードの条件',
  'password_set.rules.length': '10文字以上、128文字以下（記号やスペースも使えます）',
  'password_set.rules.common': 'よく使われている推測されやすいパスワードは使えません',
  'password_set.rules.personal': 'メールアドレスやネットワークIDを含めないでください',
  'password_set.new.label': '新しいパスワード',
  'password_set.confirm.label': '新しいパスワード（確認用）',
  'password_set.strength.label': 'パスワードの強度',
  'password_set.strength.empty': '未入力',
  'password_set.strength.too_short': '短すぎます',
  'password_set.strength.weak': '弱い',
  'password_set.strength.fair': 'ふつう',
  'password_set.strength.good': '強い',
  'password_set.strength.strong': 'とても強い',
  'password_set.submit': 'パスワードを再設定する',
  'password_set.done.heading': 'パスワードを設定しました',
  'password_set.done.body': 'ログインアカウント（{email}）のパスワードを設定しました。',
  'password_set.done.next':
    'メールアドレスと新しいパスワードでログインしてください。初回のログイン時に、二要素認証を設定します。',
  'password_set.done.login': 'ログインページへ',
  'password_set.invalid.heading': 'このリンクは無効です',
  'password_set.invalid.body':
    'リンクの有効期限（24時間）が切れているか、すでに使用済みです。お手数ですが、新しいリンクをお申し込みください。',
  'password_set.invalid.request': '新しいリンクを申し込む',

  'password_request.title': 'パスワード設定リンクの再送',
  'password_request.intro':
    'ログインアカウントとして登録したメールアドレスを入力してください。パスワード設定用の新しいリンクをメールでお送りします。',
  'password_request.note': '新しいリンクをお送りすると、以前にお送りした未使用のリンクは使えなくなります。',
  'password_request.email.label': 'メールアドレス',
  'password_request.submit': '送信する',
  'password_request.done.heading': '受け付けました',
  'password_request.done.body':
    '入力されたメールアドレスがログインアカウントとして登録されている場合は、件名「「申込/契約確認サイト」パスワード設定のご案内」のメールをお送りしました。',
  'password_request.done.expiry': 'メールに記載されたリンクの有効期限は24時間です。',
  'password_request.done.spam':
    'メールが届かない場合は、迷惑メールフォルダをご確認のうえ、入力したメールアドレスに誤りがないかお確かめください。',

  'login.heading': '申込/契約確認サイトへのログイン',
  'login.intro':
    'ログインアカウント（メールアドレス）とパスワードを入力し、「申込/契約確認サイトへログイン」をクリックしてください。',
  'login.mfa_note':
    'なお、二要素認証は無効にすることはできず、ログイン時に必ず必要な操作となります。初めてログインするときは、二要素認証の設定を行います。',
  'login.email.label': 'ログインアカウント（メールアドレス）',
  'login.password.label': 'パスワード',
  'login.submit': '申込/契約確認サイトへログイン',
  'login.forgot':
    'パスワードを忘れた場合やパスワードをまだ設定していない場合は、<link>パスワード設定リンクの再送</link>からお申し込みください。',
  'login.no_account':
    'これまでネットワークIDでログインしていたお客さまは、<link>ログインアカウントへの切り替え</link>が必要です。',
  'login.signed_out': 'ログアウトしました。',
  'login.continue': '続ける',
  'login.code.label': '6桁のコードの入力',
  'login.code.hint': '半角数字6桁（例：123456）。コードは30秒ごとに変わります。',
  'login.copy.done': 'コピーしました。',
  'login.copy.failed': 'コピーできませんでした。表示されている文字をご自身で控えてください。',

  'login.enroll.title': '二要素認証の設定',
  'login.enroll.intro':
    'ワンタイムパスワードは、ログインする時に1度だけ使えるその場限りの使い捨て型のパスワードです。お客さまの大切な情報をお守りするため、二要素認証を設定してください。',
  'login.enroll.method': '認証アプリ・ブラウザの拡張機能で設定する',
  'login.enroll.method_note':
    '【方法3】ブラウザの拡張機能（パソコン利用）と【方法4】認証アプリ（スマートフォン利用。Google Authenticator、Microsoft Authenticator など）は、どちらもこの画面で設定します。',
  'login.enroll.recommended':
    'SMSや音声通話よりも、認証アプリまたはブラウザの拡張機能をおすすめします。SMS・音声通話で届くコードは、電話番号の乗っ取りなどで第三者に読み取られるおそれがあり、安全性の低い方法とされています。',
  'login.enroll.loading': '設定の準備をしています…',
  'login.enroll.scan': '認証アプリまたは拡張機能で「QRコードをスキャン」を選び、次のQRコードを読み取ってください。',
  'login.enroll.qr_alt': '二要素認証の設定用QRコード',
  'login.enroll.open_app': 'この端末の認証アプリで開く',
  'login.enroll.manual':
    'QRコードを読み取れない場合は、認証アプリで次の設定キーを手動で入力してください（種類は「時間ベース」）。',
  'login.enroll.secret_label': '設定キー',
  'login.enroll.secret_copy': '設定キーをコピー',
  'login.enroll.enter_code':
    '認証アプリまたは拡張機能に表示されたワンタイムパスワードを「6桁のコードの入力」欄へ入力し、「続ける」をクリックしてください。',

  'login.other.toggle': '別の方法を試す',
  'login.other.heading': 'ほかの認証方法',
  'login.other.voice': '電話（音声通話）',
  'login.other.sms': '電話（ショートメッセージサービス（SMS））',
  'login.other.email': 'メール',
  'login.other.unavailable': '準備中',
  'login.other.unavailable_note':
    '音声通話・SMS・メールによる認証は準備中です。現在は、認証アプリまたはブラウザの拡張機能をご利用ください。',
  'login.other.email_note':
    '※【方法5】は、【方法1】~【方法4】のいずれかによる初回認証を済ませた後、2回目以降からご利用になることができます。',
  'login.other.recovery': 'リカバリーコードを使う',

  'login.recovery.title': 'リカバリーコード',
  'login.recovery.once': 'リカバリーコードが表示されます。このコードが表示されるのは、この1回だけです。',
  'login.recovery.replaced':
    'ログインに使用したリカバリーコードは無効になりました。代わりの新しいリカバリーコードが表示されます。このコードが表示されるのは、この1回だけです。',
  'login.recovery.code_label': 'リカバリーコード',
  'login.recovery.copy': 'リカバリーコードをコピー',
  'login.recovery.what':
    'このリカバリーコードは、ワンタイムパスワードの設定を行ったデバイスが使用できない場合など、二要素認証が行えなくなった際にログインをするために必要なコードとなります。必ずお客さまのお手元にお控えくださいますようお願いいたします。',
  'login.recovery.lost':
    'リカバリーコードを紛失してしまうと、ワンタイムパスワードの設定を行ったデバイスを使用できない場合、アカウントへログインすることが不可能になる場合があります。',
  'login.recovery.both_lost':
    'デバイスとリカバリーコードの両方を失った場合は、InfoSphereのお問い合わせ窓口（サポートデスク）でのご本人確認が必要になります。',
  'login.recovery.keep':
    '紙に書き留める、パスワード管理ソフトに保存するなど、ほかの人に見られない安全な方法で保管してください。',
  'login.recovery.instruction': '「コードを安全に記録しました」にチェックを入れ、「続ける」をクリックしてください。',
  'login.recovery.recorded': 'コードを安全に記録しました',

  'login.challenge.title': 'ご本人確認',
  'login.challenge.intro':
    '認証アプリまたはブラウザの拡張機能に表示されているワンタイムパスワードを「6桁のコードの入力」欄へ入力し、「続ける」をクリックしてください。',
  'login.remember.label': 'このデバイスを30日間記憶する',
  'login.remember.hint':
    'チェックを入れると、このデバイス（ブラウザ）でのログインでは、30日の間はワンタイムパスワードの入力を省略できます。共用のパソコンではチェックを入れないでください。',
  'login.recovery_input.heading': 'リカバリーコードでログイン',
  'login.recovery_input.intro':
    'ワンタイムパスワードの設定を行ったデバイスが使用できない場合は、リカバリーコードでログインできます。使用したリカバリーコードは無効になり、代わりの新しいリカバリーコードが表示されます。',
  'login.recovery_input.label': 'リカバリーコード',
  'login.recovery_input.hint': 'お控えのリカバリーコードを入力してください。ハイフン（-）の有無や大文字・小文字の違いは問いません。',
  'login.recovery_input.submit': 'リカバリーコードでログイン',
  'login.recovery_input.back': '認証アプリのコードを入力する',

  'factor.totp': '認証アプリ・ブラウザの拡張機能',
  'factor.sms': '電話（SMS）',
  'factor.voice': '電話（音声通話）',
  'factor.email': 'メール',
  'factor.other': 'そのほかの認証方法',
  'factor.with_label': '{type}（{label}）',

  'account.title': 'アカウント',
  'account.loading': 'ログイン状態を確認しています…',
  'account.signed_in_as': '<email>{email}</email> でログインしています。',
  'account.logout': 'ログアウト',

  'terms.title': '利用規約',
  'privacy.title': '個人情報保護方針',
  'policy.version': '版：{version}',
  'policy.version_loading': '版：確認中…',
  'policy.version_unknown': '版：確認できませんでした',
  'policy.placeholder': 'この本文は掲載の準備中です。',

  'validation.network_id.required': 'ネットワークIDを入力してください。',
  'validation.network_id.format':
    'ネットワークIDの形式が正しくありません。ご契約時の書類などに記載のネットワークIDをご確認ください。',
  'validation.password.required': 'パスワードを入力してください。',
  'validation.email.required': 'メールアドレスを入力してください。',
  'validation.email.invalid': 'メールアドレスの形式が正しくありません（例：taro@example.jp）。',
  'validation.agree_terms.required': '登録するには、利用規約および個人情報保護方針への同意が必要です。',
  'validation.new_password.required': '新しいパスワードを入力してください。',
  'validation.password.too_short': 'パスワードは10文字以上で入力してください。',
  'validation.password.too_long': 'パスワードは128文字以下で入力してください。',
  'validation.password.common':
    'このパスワードはよく使われているため使えません。推測されにくいパスワードを入力してください。',
  'validation.password.personal': 'パスワードにメールアドレスやネットワークIDを含めないでください。',
  'validation.confirm.required': '確認のため、同じパスワードをもう一度入力してください。',
  'validation.confirm.mismatch': '確認用のパスワードが一致しません。',
  'validation.code.required': '6桁のコードを入力してください。',
  'validation.code.format': 'コードは半角数字6桁で入力してください。',
  'validation.code.invalid':
    'コードが正しくありません。認証アプリに表示されている最新の6桁のコードを入力してください。',
  'validation.recovery_code.required': 'リカバリーコードを入力してください。',
  'validation.recovery_code.invalid': 'リカバリーコードが正しくないか、すでに使用済みです。',
  'validation.recorded.required':
    '続けるには、リカバリーコードを記録したうえで「コードを安全に記録しました」にチェックを入れてください。',

  'error.invalid_credentials':
    'ネットワークIDまたはパスワードが正しくありません。入力内容をご確認ください。誤ったパスワードを3回以上入力すると、約10分間お手続きを行うことができません。',
  'error.locked':
    '誤った入力が続いたため、このネットワークIDでのお手続きを一時的に停止しています。{time}以降に再度お試しください。',
  'error.locked_no_time':
    '誤った入力が続いたため、このネットワークIDでのお手続きを一時的に停止しています。約10分後に再度お試しください。',
  'error.countdown': '再開まであと {minutes}分{seconds}秒',
  'error.countdown_done': 'もう一度お試しいただけます。',
  'error.locked_contact_support':
    'セキュリティ保護のため、このネットワークIDでのお手続きを停止しています。お手数ですが、InfoSphereのお問い合わせ窓口（サポートデスク）へご連絡ください。',
  'error.rate_limited': '短時間に多くの操作が行われたため、受付を一時的に停止しています。{time}以降に再度お試しください。',
  'error.rate_limited_no_time':
    '短時間に多くの操作が行われたため、受付を一時的に停止しています。しばらくたってから再度お試しください。',
  'error.excluded_service':
    '{service}のご契約は、このお手続き（ログインアカウントへの切り替え）の対象外のため登録できません。ほかにInfoSphereのネットワークIDをお持ちの場合は、そちらを入力してください。',
  'error.excluded_service.unnamed': 'このサービス',
  'error.cancelled_contract':
    'このネットワークIDのご契約は解約済みのため、登録できません。ご契約中のほかのネットワークIDをお持ちの場合は、そちらを入力してください。',
  'error.post_cutover_contract':
    'このネットワークIDは2023年8月以降のご契約のため、移行のお手続きは不要です。ご契約時に登録したログインアカウント（メールアドレス）でログインしてください。',
  'error.already_linked':
    'このネットワークIDは、すでに移行登録がお済みです。ログインアカウント（メールアドレス）でログインしてください。',
  'error.login_link': 'ログインページへ',
  'error.flow_expired':
    'お手続きの有効期限（30分）が切れたため、登録できませんでした。お手数ですが、ネットワークIDとパスワードの入力からやり直してください。',
  'error.link_invalid': 'このリンクは有効期限が切れているか、すでに使用済みです。',
  'error.invalid_input': '入力内容に誤りがあります。各項目をご確認ください。',
  'error.login.invalid_credentials':
    'メールアドレスまたはパスワードが正しくありません。入力内容をご確認ください。',
  'error.login.flow_expired':
    'ログインの有効期限（15分）が切れました。お手数ですが、メールアドレスとパスワードの入力からやり直してください。',
  'error.wrong_step':
    'このログインの手続きはほかの画面で先に進んだため、この画面では続けられません。お手数ですが、メールアドレスとパスワードの入力からやり直してください。',
  'error.invalid_code': 'コードが正しくありません。',
  'error.factor_locked':
    '誤ったコードの入力が続いたため、この認証方法でのログインを停止しています。「別の方法を試す」からリカバリーコードをお使いいただくか、InfoSphereのお問い合わせ窓口（サポートデスク）へご連絡ください。',
  'error.not_signed_in': 'ログインしていないか、ログインの有効期限が切れています。もう一度ログインしてください。',
  'error.csrf_token_invalid': '画面の情報が古くなっています。ページを再読み込みしてから、もう一度お試しください。',
  'error.network': '通信できませんでした。インターネット接続をご確認のうえ、再度お試しください。',
  'error.server': 'システムで問題が発生しました。時間をおいて再度お試しください。',
  'error.unexpected': '処理を完了できませんでした。時間をおいて再度お試しください。（エラーコード：{code}）',

  'account.security_link': '2段階認証の設定（認証方法・記憶したデバイス・リカバリーコード）',
  'security.title': '2段階認証の設定',
  'security.loading': '設定を読み込んでいます…',
  'security.back': 'アカウントへ戻る',
  'security.intro': '2段階認証は解除できません。認証方法の追加・削除やリカバリーコードの再発行の前に、確認のためワンタイムパスワードの入力をお願いしています。',
  'security.factors.heading': '登録済みの認証方法',
  'security.factors.enrolled': '登録日時：{date}',
  'security.factors.last_used': '最終利用日時：{date}',
  'security.factors.never_used': '最終利用日時：まだ使用されていません',
  'security.factors.phone': '電話番号：{phone}',
  'security.factors.remove': '削除',
  'security.factors.remove_label': '{name}を削除',
  'security.factors.last_note': '認証方法が1つだけのため削除できません。2段階認証は必須のため、別の認証方法を追加してから削除してください。',
  'security.factors.add': '認証アプリを追加する',
  'security.add.heading': '認証アプリの追加',
  'security.add.loading': '設定の準備をしています…',
  'security.add.enter_code': '追加する認証アプリまたは拡張機能に表示された6桁のコードを入力し、「追加する」をクリックしてください。',
  'security.add.submit': '追加する',
  'security.cancel': 'キャンセル',
  'security.recovery.heading': 'リカバリーコード',
  'security.recovery.exists': 'リカバリーコードは発行済みです。紛失した場合は、新しいコードを発行してください（これまでのコードは使えなくなります）。',
  'security.recovery.none': '有効なリカバリーコードがありません。新しいコードを発行して、安全な場所に控えてください。',
  'security.recovery.new': '新しいリカバリーコードを発行する',
  'security.recovery.shown_once': '新しいリカバリーコードです。このコードが表示されるのは、この1回だけです。これまでのリカバリーコードは使えなくなりました。',
  'security.recovery.done': '閉じる',
  'security.devices.heading': '記憶したデバイス',
  'security.devices.intro': '「このデバイスを30日間記憶する」を選んだデバイスでは、ワンタイムパスワードの入力を省略しています。心当たりのないデバイスや、使わなくなったデバイスは解除してください。',
  'security.devices.none': '記憶しているデバイスはありません。',
  'security.devices.until': '有効期限：{date}',
  'security.devices.revoke': '解除',
  'security.devices.revoke_label': '{name}の記憶を解除',
  'security.sessions.heading': 'ほかのログイン',
  'security.sessions.count': 'このブラウザのほかに、{count}件のログインが有効です。',
  'security.sessions.none': 'このブラウザのほかに、有効なログインはありません。',
  'security.sessions.end': 'ほかのログインをすべて終了する',
  'security.sessions.ended': 'ほかのログインを{count}件終了しました。',
  'security.step_up.heading': 'ご本人確認',
  'security.step_up.intro': 'この変更を行うには、認証アプリまたはブラウザの拡張機能に表示されている6桁のコードを入力し、「確認する」をクリックしてください。',
  'security.step_up.for_add': '変更内容：認証アプリの追加',
  'security.step_up.for_remove': '変更内容：{name}の削除',
  'security.step_up.for_recovery': '変更内容：リカバリーコードの再発行',
  'security.step_up.submit': '確認する',
  'security.notice.added': '認証アプリを追加しました。',
  'security.notice.removed': '認証方法を削除しました。',
  'security.notice.recovery': '新しいリカバリーコードを発行しました。',
  'security.notice.revoked': 'デバイスの記憶を解除しました。',
  'security.notice.mail': '登録のメールアドレスに「2段階認証の設定変更のお知らせ」をお送りしました。心当たりのない変更の場合は、ほかのログインを終了し、パスワードを変更してください。',
  'error.step_up_required': '確認の有効期限（5分）が切れました。もう一度コードを入力してください。',
  'error.last_factor': '最後の認証方法は削除できません。別の認証方法を追加してから削除してください。',
  'error.factor_not_found': 'この認証方法はすでに削除されています。',
  'error.device_not_found': 'このデバイスはすでに解除されています。',

  'ready.label': 'システム状態',
  'ready.loading': '確認中…',
  'ready.ok': '正常に稼働しています',
  'ready.error': '一部のサービスに問題が発生しています',
  'code.phone.heading': '電話番号の入力',
  'code.phone.label': '電話番号',
  'code.phone.hint': '冒頭の「0」およびハイフンを抜いた状態で入力してください。例：090-0000-0000 の場合、9000000000 と入力。090-0000-0000 のような書き方でも受け付けます。日本の電話番号のみご利用になれます。',
  'code.phone.change': '電話番号を入力し直す',
  'code.channel.legend': 'コードの受け取り方法',
  'code.channel.voice': '音声通話',
  'code.channel.sms': 'SMS',
  'code.sent.voice': '{to} に電話をかけ、音声通話で6桁のコードをご案内します。',
  'code.sent.sms': '{to} にショートメッセージ（SMS）で6桁のコードを送信しました。',
  'code.sent.email': '{to} にメール（件名：Your authentication code）で6桁のコードを送信しました。',
  'code.hint': '半角数字6桁（例：123456）。コードの有効期限は5分です。',
  'code.missing.voice': 'もし電話がかかってこない場合は、「もう一度かける」をクリックしかけ直してください。',
  'code.missing.sms': 'もし届かない場合は、「テキストを送信」をクリックし再送信を行ってください。',
  'code.missing.email': 'もしメールが届かない場合は、「メールを再送信」をクリックしてください。',
  'code.resend.voice': 'もう一度かける',
  'code.resend.sms': 'テキストを送信',
  'code.resend.email': 'メールを再送信',
  'code.resend.wait': '{seconds}秒後に再送できます',
  'code.send.voice': '電話をかける',
  'code.send.sms': 'SMSでコードを送信',
  'code.send.email': 'メールでコードを送信',
  'login.enroll.phone_heading': '電話（音声通話・SMS）で設定する',
  'login.enroll.phone_intro': '電話番号を入力し「音声通話」または「SMS」を選択しましたら「続ける」を選択してください。入力した電話番号宛てに6桁のコードが届きます。',
  'login.enroll.phone_warning': 'SMS・音声通話で届くコードは、電話番号の乗っ取りなどにより他人に読まれるおそれがあり、認証アプリより安全性が劣ります。できるだけ認証アプリ・ブラウザの拡張機能をご利用ください。',
  'login.enroll.back_to_app': '認証アプリ・ブラウザの拡張機能で設定する',
  'login.other.app': '認証アプリ・ブラウザの拡張機能',
  'login.challenge.code_intro': '{method}で6桁のコードを受け取り、入力してください。',
  'validation.phone.required': '電話番号を入力してください。',
  'validation.phone.invalid': '電話番号を正しく入力してください（例：9000000000）。',
  'validation.phone.not_japan': '日本の電話番号を入力してください。',
  'validation.phone.unsupported_type': 'この電話番号では、選択した方法をご利用になれません。SMSは携帯電話の番号でご利用ください。',
  'validation.code.expired': 'コードの有効期限が切れました。新しいコードを送信してください。',
  'validation.code.exhausted': '誤ったコードが続けて入力されたため、このコードは使えなくなりました。新しいコードを送信してください。',
  'error.send_cooldown': 'コードを送信したばかりです。{seconds}秒後に再度お試しください。',
  'error.send_limit': 'コードの送信回数が上限に達しました。{seconds}秒後に再度お試しください。',
  'error.invalid_phone': '電話番号を正しく入力してください。',
  'error.code_expired': 'コードの有効期限が切れました。新しいコードを送信してください。',
  'error.code_attempts_exhausted': '誤ったコードが続けて入力されました。新しいコードを送信してください。',
  'error.email_requires_other_factor': 'メールは、ほかの方法（【方法1】～【方法4】）による初回認証を済ませた後にご利用になれます。',
  'security.factors.add_sms': 'SMSを追加する',
  'security.factors.add_voice': '音声通話を追加する',
  'security.factors.add_email': 'メールを追加する',
  'security.add_code.heading_phone': '電話（音声通話・SMS）の追加',
  'security.add_code.heading_email': 'メールの追加',
  'security.add_code.email_intro': 'ログインアカウントのメールアドレス宛てにコードを送信します。',
  'security.step_up.for_add_code': '変更内容：{name}の追加',
  'security.step_up.method': '確認に使う方法',
  'security.step_up.intro_code': 'この変更を行うには、選択した方法に届く6桁のコードを入力し、「確認する」をクリックしてください。',
  'login.other.email_later': '初回認証の後にご利用になれます',

  'account.contracts_link': 'ご契約の一覧・ネットワークIDの追加',

  'contracts.title': 'ご契約の一覧',
  'contracts.loading': 'ご契約を読み込んでいます…',
  'contracts.back': 'アカウントへ戻る',
  'contracts.bulk_unavailable': '一括切り替えのお申し込み状況を読み込めませんでした。時間をおいてページを再読み込みしてください。',
  'contracts.add.heading': 'ご契約（ネットワークID）の追加',
  'contracts.add.attach_note':
    'まだ移行していないネットワークIDを、そのパスワードで確認してこのログインアカウントに追加します。複数のネットワークIDをまとめて登録できます。',
  'contracts.add.bulk_note':
    'InfoSphereを5個以上ご契約で、請求を1つにまとめている（同一請求）お客さまは、窓口での一括切り替えを申し込めます。',
  'contracts.attach_link': 'ネットワークIDを追加する',
  'contracts.bulk_link': '一括切り替えを申し込む (5契約以上・同一請求)',
  'contracts.list.heading': '登録済みのご契約',
  'contracts.filter.label': 'ご契約の絞り込み',
  'contracts.filter.status': '状態',
  'contracts.filter.service': 'サービス',
  'contracts.filter.all': 'すべて',
  'contracts.filter.q': 'ネットワークID',
  'contracts.filter.q_hint': 'ネットワークIDの一部でも検索できます（例：0012）。',
  'contracts.filter.submit': '絞り込む',
  'contracts.filter.clear': '条件をクリア',
  'contracts.service.fiber': 'InfoSphere 光ファイバー接続',
  'contracts.service.adsl': 'InfoSphere ADSL接続',
  'contracts.service.dialup': 'InfoSphere ダイヤルアップ接続',
  'contracts.service.mail_web': 'InfoSphere メール・Webサービス',
  'contracts.status.active': 'ご契約中',
  'contracts.status.cancelled': '解約済み',
  'contracts.via.self_service': 'お客さまご自身で登録',
  'contracts.via.bulk_ticket': '一括切り替え（窓口）',
  'contracts.via.agent': '窓口担当者が登録',
  'contracts.col.network_id': 'ネットワークID',
  'contracts.col.service': 'サービス',
  'contracts.col.status': '状態',
  'contracts.col.linked_at': '登録日',
  'contracts.col.linked_via': '登録方法',
  'contracts.range': '全{total}件中 {from}–{to}件目を表示しています。',
  'contracts.none': 'このログインアカウントに登録されているご契約はありません。',
  'contracts.none_filtered': '条件に合うご契約はありません。',
  'contracts.paging.label': 'ページ送り',
  'contracts.paging.prev': '前へ',
  'contracts.paging.next': '次へ',

  'bulk.state.received': '受付済み',
  'bulk.state.validating': '確認中',
  'bulk.state.needs_review': '担当者が確認中',
  'bulk.state.auto_rejected': 'お受けできませんでした',
  'bulk.state.approved': '承認済み（作業待ち）',
  'bulk.state.processing': '切り替え作業中',
  'bulk.state.completed': '完了',
  'bulk.state.partially_completed': '一部完了',
  'bulk.state.failed': '切り替えできませんでした',
  'bulk.state.rejected': 'お受けできませんでした（窓口判断）',
  'bulk.state.cancelled': '取り消し',
  'bulk.state.other': '確認中（{code}）',
  'bulk.status.heading': '一括切り替えのお申し込み',
  'bulk.status.number': '受付番号',
  'bulk.status.state': '状況',
  'bulk.status.received_at': '受付日',
  'bulk.status.due_at': '完了予定日（目安）',
  'bulk.status.open_note': '窓口で内容を確認し、切り替えを行います。完了しましたらメールでお知らせします。',
  'bulk.status.closed_note': 'このお申し込みは終了しました。詳しくは、お送りしたメールをご確認ください。',
  'bulk.status.linked': '切り替えたご契約',
  'bulk.status.linked_count': '{count}件（下の一覧に表示されています）',

  'bulk.title': '一括切り替えのお申し込み',
  'bulk.loading': 'お申し込みの状況を確認しています…',
  'bulk.back': 'ご契約の一覧へ戻る',
  'bulk.intro':
    '複数の請求書・口座振替を1つにまとめて請求（同一請求）されているお客さまは、弊社窓口にて残りのネットワークIDをまとめて移行（一括切り替え）いたします。',
  'bulk.conditions.heading': 'お申し込みの条件',
  'bulk.conditions.count': 'InfoSphereを5個以上ご契約されていること',
  'bulk.conditions.consolidated': 'ご契約の請求を1つにまとめていること（同一請求）',
  'bulk.conditions.otherwise':
    '同一請求をされていないお客さまや、ご契約が4個以下のお客さまは、一括切り替えを承ることができません。お手数ですが、<link>ネットワークIDの追加</link>から1つずつ移行してください。',
  'bulk.conditions.wait':
    '繁忙期には、一括切り替えの完了まで1〜2週間ほどお時間をいただく場合があります。あらかじめご了承ください。',
  'bulk.eligibility.heading': 'お客さまのご契約の状況',
  'bulk.eligibility.consolidated': '同一請求',
  'bulk.eligibility.yes': 'あり',
  'bulk.eligibility.no': 'なし',
  'bulk.eligibility.count': 'InfoSphereのご契約数',
  'bulk.eligibility.count_value': '{count}件（{minimum}件以上でお申し込みいただけます）',
  'bulk.ineligible.not_consolidated':
    'ご契約の請求が同一請求になっていないため、一括切り替えはお申し込みいただけません。お手数ですが、<link>ネットワークIDの追加</link>から1つずつ移行してください。',
  'bulk.ineligible.too_few':
    'InfoSphereのご契約が{count}件のため、一括切り替えはお申し込みいただけません（{minimum}件以上が必要です）。お手数ですが、<link>ネットワークIDの追加</link>から1つずつ移行してください。',
  'bulk.form.heading': 'お申し込み内容',
  'bulk.form.intro': '次の内容で窓口にお申し込みします。ログインアカウントの情報から入力済みのため、変更はできません。',
  'bulk.field.category': 'お問い合わせ種別',
  'bulk.field.email': '「申込/契約確認サイト」ログインアカウント（メールアドレス）',
  'bulk.field.network_id': 'ネットワークID（ログインアカウント登録の際に移行したもの）',
  'bulk.field.remark': 'その他備考',
  'bulk.field.remark_empty': '（空欄）',
  'bulk.top_cruise.label': 'トップクルーズの請求をInfoSphereと同一請求にしている',
  'bulk.top_cruise.hint':
    'InfoSphereのほかにトップクルーズの請求書もおまとめの場合はチェックを入れてください。その他備考に「トップクルーズ契約」と記入してお申し込みします。それ以外のお客さまは、チェックは不要です（その他備考は空欄になります）。',
  'bulk.submit': '一括切り替えを申し込む',
  'bulk.one_by_one': '<link>ネットワークIDの追加</link>から、1つずつ移行してください。',
  'bulk.open.heading': '受付中のお申し込み',
  'bulk.open.note': 'お申し込みが完了するまで、新しいお申し込みはできません。',
  'bulk.previous.heading': '前回のお申し込み',
  'bulk.done.heading': 'お申し込みを受け付けました',
  'bulk.done.number': '受付番号：<number>{number}</number>',
  'bulk.done.sent': '<email>{email}</email> 宛てに、受付番号を記載した確認のメールをお送りしました。',
  'bulk.done.next':
    '窓口で内容を確認し、一括切り替えを行います。完了しましたらメールでお知らせします。お問い合わせの際は、受付番号をお伝えください。',
  'bulk.done.due': '完了予定日（目安）：{date}',
  'bulk.done.contracts': 'ご契約の一覧へ',

  'attach.title': 'ネットワークIDの追加',
  'attach.loading': '読み込んでいます…',
  'attach.steps.label': '追加の手順',
  'attach.steps.1': 'ネットワークIDの確認',
  'attach.steps.2': '登録内容の確認',
  'attach.steps.3': '登録完了',
  'attach.enter.heading': 'ネットワークIDの追加',
  'attach.enter.intro':
    '移行を済ませていない残りのご契約中のネットワークIDとパスワードを入力し、「次へ進む」をクリックしてください。',
  'attach.enter.several':
    '複数のネットワークIDを続けて確認し、まとめて登録できます。ネットワークIDごとに、そのパスワードが必要です。',
  'attach.enter.bulk_note':
    'InfoSphereを5個以上ご契約で同一請求のお客さまは、窓口での<link>一括切り替え</link>もお申し込みいただけます。',
  'attach.notice.verified': '{networkId}（{service}）を確認しました。登録するには「確認画面へ進む」をクリックしてください。',
  'attach.notice.already_queued': 'このネットワークIDは確認済みで、すでに一覧にあります。',
  'attach.notice.removed': '{networkId}を一覧から取り消しました。',
  'attach.queue.heading': '登録を待っているネットワークID（{count}件）',
  'attach.queue.expires': '{time}まで有効',
  'attach.queue.expires_note':
    '確認したネットワークIDは、パスワードの確認から30分以内に登録してください。過ぎた場合は、もう一度パスワードを入力してください。一度に登録できるのは{max}件までです。',
  'attach.queue.remove': '取り消す',
  'attach.queue.remove_label': '{networkId}を一覧から取り消す',
  'attach.queue.confirm': '確認画面へ進む',
  'attach.queue.add_another': '別のネットワークIDを追加する',
  'attach.form.heading': 'ネットワークIDとパスワードの入力',
  'attach.form.heading_more': '別のネットワークIDとパスワードの入力',
  'attach.form.cancel': '入力をやめる',
  'attach.confirm.heading': '登録内容の確認',
  'attach.confirm.intro':
    '次のネットワークIDを、ログインアカウント <email>{email}</email> に登録します。内容に誤りがないか確認のうえ、「登録する」をクリックしてください。',
  'attach.confirm.caption': '登録するネットワークID',
  'attach.confirm.submit': '登録する',
  'attach.confirm.back': '戻る（ネットワークIDの追加・取り消し）',
  'attach.dropped.already_linked':
    '次のネットワークIDは、ほかのログインアカウントに登録されたため登録できませんでした。一覧から外しています。',
  'attach.dropped.not_queued':
    '次のネットワークIDは、パスワードの確認から30分が過ぎたか一覧から取り消されたため、登録できませんでした。',
  'attach.dropped.not_queued_again': '登録するには、もう一度ネットワークIDとパスワードを入力してください。',
  'attach.done.heading': '登録が完了しました',
  'attach.done.intro': '次のネットワークID（{count}件）をログインアカウントに登録しました。',
  'attach.done.item': '{networkId}（{service}）',
  'attach.done.sent':
    '<email>{email}</email> 宛てに、件名「「申込/契約確認サイト」ログインアカウント(メールアドレス)切り替えのご案内」のメールをお送りしました。',
  'attach.done.contracts': 'ご契約の一覧へ',
  'attach.done.more': '続けてネットワークIDを追加する',

  'error.attach.already_linked':
    'このネットワークIDは、ほかのログインアカウントに登録済みのため追加できません。お心当たりがない場合は、InfoSphereのお問い合わせ窓口へお問い合わせください。',
  'error.attach.post_cutover_contract':
    'このネットワークIDは2023年8月以降のご契約のため、移行のお手続きの対象外です。ご契約時に登録したログインアカウント（メールアドレス）でご確認ください。',
  'error.already_linked_here': 'このネットワークIDは、すでにこのログインアカウントに登録されています。',
  'error.attach_list_full':
    '登録を待っているネットワークIDが上限に達しました。先に「確認画面へ進む」から登録を済ませてください。',
  'error.not_queued': 'このネットワークIDは、登録を待っている一覧にありません。',
  'error.bulk_request_open':
    'すでに一括切り替えのお申し込みを受け付けています（受付番号：{number}）。完了まで、新しいお申し込みはできません。',
  'error.bulk_not_consolidated':
    'ご契約の請求が同一請求になっていないため、一括切り替えはお申し込みいただけません。',
  'error.bulk_too_few_contracts':
    'InfoSphereのご契約が{count}件のため、一括切り替えはお申し込みいただけません（{minimum}件以上が必要です）。',
  'error.bulk_too_few_contracts_no_count':
    'InfoSphereのご契約が{minimum}件未満のため、一括切り替えはお申し込みいただけません。',
};

export type MessageKey = keyof typeof ja;
export type Messages = Record<MessageKey, string>;
