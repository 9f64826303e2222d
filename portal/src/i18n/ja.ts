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
  'coming_soon.body': 'この手続きは準備中です。もうしばらくお待ちください。',
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
  'error.network': '通信できませんでした。インターネット接続をご確認のうえ、再度お試しください。',
  'error.server': 'システムで問題が発生しました。時間をおいて再度お試しください。',
  'error.unexpected': '処理を完了できませんでした。時間をおいて再度お試しください。（エラーコード：{code}）',

  'ready.label': 'システム状態',
  'ready.loading': '確認中…',
  'ready.ok': '正常に稼働しています',
  'ready.error': '一部のサービスに問題が発生しています',
};

export type MessageKey = keyof typeof ja;
export type Messages = Record<MessageKey, string>;
