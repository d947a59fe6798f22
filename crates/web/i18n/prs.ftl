# Corridor به دری (Dari). Plain words, for readers on a phone.
# Every message of en.ftl must be here; a test fails otherwise.
# Terms: case = پرونده (as in the reply texts: مسئول پرونده), reference number = شمارهٔ مراجعه.

## Every page

corridor = Corridor
language = زبان
skip-to-content = رفتن به محتوا
actions = کارها
home = صفحهٔ اصلی

## The public request form

request-title = درخواست کمک
request-intro = بگویید چه کسی به کمک نیاز دارد. به حساب کاربری نیاز ندارید. یک شمارهٔ مراجعه و یک کد محرم می‌گیرید تا بعداً وضعیت درخواست را ببینید.
request-who-needs-help = چه کسی به کمک نیاز دارد
request-principal = شخص اصلی
request-person-n = شخص { $n }
request-family-intro = اعضای خانواده را که با او هستند اضافه کنید: خانم یا شوهر، فرزندان، پدر و مادر.
request-add-more = افزودن اشخاص بیشتر
request-more-note = در پایین برای اشخاص بیشتر جای هست.
field-given-name = نام
field-family-name = تخلص
field-father-name = نام پدر
field-date-of-birth = تاریخ یا سال تولد
field-date-of-birth-hint = مثلاً ۱۳۶۹، ۱۹۹۰ یا 1990-02-28
field-sex = جنسیت
sex-female = زن
sex-male = مرد
sex-other = دیگر
field-relationship = نسبت با شخص اصلی
relationship-spouse = خانم یا شوهر
relationship-child = پسر یا دختر
relationship-parent = مادر یا پدر
relationship-sibling = برادر یا خواهر
relationship-other = خویشاوند دیگر
field-tazkira = شمارهٔ تذکره
field-passport = شمارهٔ پاسپورت
field-phone = شمارهٔ تلفون یا واتس‌اپ
field-location = حالا در کجا هستند
field-category = چه کمکی لازم است
field-needs = در چند کلمه
request-you = شما
request-for-self = برای خود یا خانوادهٔ خود درخواست می‌کنم
request-for-other = برای شخص دیگری درخواست می‌کنم
field-your-name = نام شما
field-your-email = ایمیل شما (برای گرفتن شمارهٔ مراجعه)
field-your-phone = تلفون شما
request-send = فرستادن درخواست
request-check-link = دیدن درخواستی که قبلاً فرستاده‌اید
request-keep-as-written = همان‌طور که نوشته‌ام درست است؛ همین‌طور بفرستید.

## Messages beside the fields

form-problems = لطفاً این‌ها را ببینید و دوباره بفرستید:
form-expired = وقت این فورم تمام شد. آنچه نوشته بودید هنوز اینجاست؛ لطفاً دوباره بفرستید.
err-name-needed = نام دست‌کم یک شخص را که به کمک نیاز دارد بنویسید.
err-your-name = نام خود را بنویسید.
err-email = این آدرس ایمیل درست به نظر نمی‌رسد. آن را درست کنید یا خالی بگذارید.
err-date-of-birth = این تاریخ را خوانده نمی‌توانیم. سال را بنویسید (۱۳۶۹ یا ۱۹۹۰)، یا تاریخی مانند 1990-02-28، یا سن مانند ۳۴ سال.
err-date-confirm = اگر همان‌طور که نوشته‌اید درست است، خانهٔ آخر فورم را نشانی کنید و دوباره بفرستید.
err-sex = یکی را از فهرست انتخاب کنید.
err-required = این خانه را پر کنید.
err-too-long = یک چیز بسیار دراز است. لطفاً نوشتهٔ خود را کوتاه‌تر کنید.
err-no-person-on-row = نام این شخص را بنویسید، یا خانه‌های دیگر این بخش را خالی کنید.

## After sending

request-done-title = درخواست رسید
request-done-again = این درخواست را از قبل داریم
request-done-intro = این‌ها را یادداشت کنید یا از این صفحه عکس بگیرید. برای دیدن وضعیت درخواست به هر دو نیاز دارید.
reference-number = شمارهٔ مراجعه
secret-code = کد محرم
request-done-email = شمارهٔ مراجعه را به ایمیل شما هم می‌فرستیم.
request-done-private = کد محرم را به کسی ندهید؛ هر کسی که آن را داشته باشد وضعیت این درخواست را دیده می‌تواند.
request-done-people = تعداد اشخاص در این درخواست: { $count }
check-status = دیدن وضعیت

## The status page

status-title = دیدن وضعیت درخواست
status-label = وضعیت:
status-not-found = درخواستی با این شمارهٔ مراجعه و کد محرم پیدا نکردیم. هر دو را ببینید و دوباره کوشش کنید.
status-check = ببینید
status-explained = وضعیت یکی از این‌هاست: رسیده، زیر بررسی، به مؤسسهٔ همکار فرستاده شده، بسته شده.
public-status-received = رسیده
public-status-under_review = زیر بررسی
public-status-referred = به مؤسسهٔ همکار فرستاده شده
public-status-closed = بسته شده

## Messages for the public

wait-title = لطفاً صبر کنید
wait-message = از اتصال شما درخواست‌های زیادی آمد. لطفاً ده دقیقه صبر کنید و دوباره کوشش کنید.

## Kinds of help

# unsure: «تخلیه» is the word used in 2021 reporting; «انتقال به جای امن» is plainer.
category-evacuation = انتقال به جای امن (تخلیه)
category-border_crossing = گذشتن از سرحد
category-visa = ویزه
# unsure: «معرفی به حیث پناهنده» for a refugee referral (P-1/P-2).
category-refugee_referral = معرفی به حیث پناهنده
category-medical = کمک صحی
category-protection = محافظت
category-other = دیگر

## Sign in

login-title = ورود
login-username = نام کاربری
login-password = رمز
login-submit = ورود
login-failed = این نام کاربری و رمز با هیچ حساب فعالی جور نمی‌آید، یا حساب بعد از کوشش‌های زیاد موقتاً بسته شده است. آن‌ها را ببینید، یا کمی صبر کنید و دوباره کوشش کنید.

code-title = عامل دوم
code-enroll-title = عامل دوم خود را تنظیم کنید
code-enter-title = کد خود را وارد کنید
code-enroll-why = Corridor سوابق اشخاص در خطر را نگه می‌دارد، پس هر ورود علاوه بر رمز، یک کد از برنامهٔ تأیید هویت در تلفون شما می‌خواهد. این حساب را به برنامه اضافه کنید (FreeOTP، Aegis، Google Authenticator یا هر برنامهٔ TOTP)، بعد کد شش‌رقمی را که نشان می‌دهد وارد کنید.
code-enroll-scan = کد را اسکن کنید، یا کلید محرم را تایپ کنید (یا پیوند پایین را بچسبانید):
code-enter = کد شش‌رقمی را که برنامهٔ تأیید هویت شما برای Corridor نشان می‌دهد وارد کنید.
code-label = کد
code-continue = ادامه
code-failed = این کد درست نیست، یا قبلاً استفاده شده است. منتظر کد بعدی بمانید و دوباره کوشش کنید. بعد از کوشش‌های زیاد، حساب برای مدتی بسته می‌شود.

## Error pages

error-request-id = شمارهٔ این درخواست:
error-quote-id = (وقتی مشکلی را گزارش می‌دهید، این را بگویید)
error-not-allowed = اجازه نیست
error-not-found = پیدا نشد
error-cannot = این کار شده نمی‌تواند
error-conflict = تضاد
error-too-many = کوشش‌های زیاد
error-internal = مشکلی پیش آمد
error-internal-message = درخواست انجام نشد. هیچ چیز نیمه‌کاره ذخیره نشد؛ لطفاً دوباره کوشش کنید.

## The staff menu

nav-menu = مینو
# unsure: «داشبورد» is understood by office staff; «صفحهٔ خلاصه» is plainer.
nav-dashboard = صفحهٔ خلاصه
nav-cases = پرونده‌ها
nav-mine = پرونده‌های من
nav-unowned = بدون مسئول
nav-overdue = از موعد گذشته
nav-tasks = کارهای من
nav-reviews = شباهت‌های احتمالی
nav-referrals = ارجاع‌ها
nav-bulk = ارجاع یا پاسخ گروهی
nav-partner = ارجاع‌ها به ما
nav-inquiries = درخواست‌ها
# unsure: triage = sorting new requests; «دسته‌بندی اولیه».
nav-triage = دسته‌بندی اولیه
nav-intake = ثبت جدید
nav-desk = میز مراجعهٔ حضوری
nav-upload = وارد کردن فهرست
nav-export = گرفتن خروجی
# unsure: audit trail; «سابقهٔ تغییرات و بازدیدها».
nav-audit = سابقهٔ تغییرات
nav-users = کاربران
nav-notifications = اطلاعیه‌ها
nav-sign-out = خروج
nav-find = جستجو
nav-find-label = جستجوی هر شخص
nav-find-placeholder = نام، تلفون، تذکره، CR-… یا C-…

## The walk-in desk

desk-title = میز مراجعهٔ حضوری
desk-born = تولد
desk-email = ایمیل
desk-need = نیاز
desk-family = اعضای خانواده که با او هستند (هر کدام در یک سطر: نام، نسبت، سال تولد)
desk-notes = یادداشت‌ها
desk-requester-language = زبان رسید و پاسخ‌ها
desk-review = دیدن پیش از ذخیره
desk-check = ببینید که آیا از قبل شناخته شده است
desk-not-chosen = آن پرونده دیگر پروندهٔ باز کسی که این درخواست دربارهٔ او باشد نیست. چیزی ذخیره نشد: دوباره بررسی کنید و از فهرست انتخاب کنید.
known-attach = این درخواست را به پروندهٔ C-{ $n } بیفزایید
desk-confirm-title = پیش از ذخیره ببینید
desk-confirm-intro = این همان چیزی است که ذخیره می‌شود. آن را برای شخص بخوانید.
desk-confirm-save = ذخیره و چاپ رسید
desk-change = تغییر دادن
desk-family-none = هیچ عضو خانواده داده نشده است.
desk-enter-note = کلید Enter به خانهٔ بعدی می‌رود؛ تنها دکمهٔ ذخیره، ذخیره می‌کند.

## The desk receipt

receipt-title = رسید
receipt-received = درخواست شما در { $when } رسید.
receipt-quote = هر وقت دربارهٔ این درخواست می‌پرسید، شمارهٔ مراجعه را بگویید.
receipt-status-at = با کد محرم، وضعیت آن را در این آدرس دیده می‌توانید:
receipt-qr = برای باز کردن صفحهٔ وضعیت، این را اسکن کنید
receipt-next = شخص بعدی (اول این صفحه را چاپ کنید: Ctrl+P)
receipt-print = چاپ

## Refused actions on the case page

refused-title = این کار انجام نشد:
refused-not-allowed = یک پرونده از { $from } به { $to } رفته نمی‌تواند.
refused-reason-required = بردن پرونده به { $to } دلیل می‌خواهد: آن را در خانهٔ دلیل بنویسید.
refused-outcome-required = بستن پرونده نتیجه می‌خواهد: یکی را از فهرست نتیجه انتخاب کنید.
refused-outcome-only-closing = نتیجه را تنها هنگام بستن پرونده انتخاب کنید.

## Notifications

notif-unread = { $count } ناخوانده
notif-mark-ticked = نشانی‌شده‌ها را خوانده‌شده بگیرید
notif-mark-all = همه را خوانده‌شده بگیرید
notif-tick = نشانی کنید
notif-when = زمان
notif-what = چه
notif-case = پرونده
notif-none = هنوز چیزی نیست.

## The staff intake form

intake-keep-as-written = تاریخ‌ها همان‌طور که نوشته شده درست است؛ همین‌طور ذخیره کنید (نگه داشته و نشانی می‌شوند).

## Case lists

cases-matching = { $count } مورد
cases-none = هیچ پرونده‌ای با این فیلترها جور نمی‌آید.
filter-any = هر کدام
filter-anyone = هر کس
filter-open = تنها باز
filter-needs-owner = بدون مسئول
filter-overdue = از موعد گذشته
filter-urgent-first = فوری‌ترین اول
filter-submit = فیلتر
col-select = انتخاب
col-case = پرونده
col-about = دربارهٔ
col-category = نوع کمک
col-status = وضعیت
col-priority = اولویت
col-owner = مسئول
col-team = تیم
col-people = اشخاص
col-inquiries = درخواست‌ها
col-waiting = انتظار
col-due = موعد
col-pathway = مسیر
col-step = مرحله
case-status-new = جدید
case-status-triaged = دسته‌بندی شده
case-status-in_progress = در جریان
case-status-waiting_applicant = منتظر درخواست‌کننده
case-status-waiting_partner = منتظر همکار
case-status-resolved = حل شده
case-status-closed = بسته
case-status-reopened = دوباره باز شده
priority-critical = بسیار فوری
priority-high = فوری
priority-normal = عادی
priority-low = کم

## The case page

case-outcome = نتیجه
case-first-response = پاسخ اول
case-next-action = کار بعدی
case-household = خانوار
case-assign = سپردن
case-change-status = تغییر وضعیت
case-new-status = وضعیت جدید
case-override-priority = تغییر اولویت
case-set-priority = تعیین اولویت
case-reason = دلیل
case-notes = یادداشت‌ها
case-add-note = افزودن یادداشت
case-tasks = کارها
case-pathways = مسیرها
case-who-asked = چه کسی پرسید
case-history = تاریخچه

## Tasks, pathways, people and history

task-task = کار
task-assignee = مسئول کار
task-done = انجام شده
task-reopen = دوباره باز کنید
task-mark-done = انجام شد
task-none = هیچ کاری نیست.
task-nobody = هنوز هیچ کس
task-add = افزودن کار
tasks-intro = کارهایی که روی پرونده‌ها به شما سپرده شده، اول کارهای باز به ترتیب موعد.
tasks-hide-done = پنهان کردن کارهای انجام شده
tasks-show-done = نشان دادن کارهای انجام شده هم
tasks-none-for-you = هیچ کاری برای شما نیست.
pathway-person = شخص
pathway-evidence = مدرک
pathway-none = برای این اشخاص هیچ مسیری ثبت نشده است.
pathway-put = گذاشتن یک شخص در یک مسیر
pathway-add = افزودن مسیر
people-documents = اسناد
people-where = کجا
people-relationship = نسبت
people-needs = نیازها
people-from = از
people-inquiry = درخواست
people-none = هنوز هیچ شخصی ثبت نشده است.
inq-received = رسیده
inq-channel = راه رسیدن
inq-requester = درخواست‌کننده
inq-subject = موضوع
hist-who = چه کسی
hist-detail = جزئیات
case-note = یادداشت
case-note-hint = @نام‌کاربری یک همکار را خبر می‌کند
case-note-contact = با درخواست‌کننده یا متقاضی در تماس بودیم (پاسخ اول حساب می‌شود)

## Inquiries

inq-waiting-triage = منتظر دسته‌بندی
inq-triage-title = دسته‌بندی درخواست‌های انتخاب شده
inq-triage-intro = هر درخواست انتخاب شده با نوع کمک خودش یک پروندهٔ جداگانه می‌گیرد، در یک قدم: همه یا هیچ کدام.
inq-team-default = تیم مربوط به نوع کمک هر درخواست
inq-owner-default = رهبر تیم
inq-triage-submit = برای هر کدام یک پرونده بسازید
inq-none = هیچ درخواستی با این فیلترها جور نمی‌آید.
next-page = صفحهٔ بعد ←

## Forms that act once

sent-once = این فورم دو بار فرستاده شد؛ بار دوم هیچ کاری نکرد، پس هیچ چیز دو بار فرستاده نشد.

## Deadlines and ages

deadline-met = انجام شد در { $when }
deadline-overdue = از موعد گذشته از { $when }
deadline-due = موعد { $when }
deadline-not-set = تعیین نشده
deadline-none-closed = هیچ: پرونده باز نیست
due-first-response = پاسخ اول { $when }
due-next-action = کار بعدی { $when }
age-days = { $n } روز
age-hours = { $n } ساعت
age-minutes = { $n } دقیقه
case-last-change = آخرین تغییر { $when }

## Referrals and replies on the case page

refer-title = ارجاع به یک همکار
refer-org = مؤسسه
refer-share-only = تنها این‌ها را شریک کنید
refer-message = پیام
refer-why = چرا (لازم است)
refer-respond-by = پاسخ تا
refer-submit = ارجاع
reply-title = پاسخ به همهٔ درخواست‌کنندگان
reply-intro = به هر درخواست‌کننده به زبان خودش و از همان راهی که آمده پاسخ داده می‌شود: ایمیل فرستاده می‌شود؛ تماس تلفنی یا مراجعهٔ حضوری برای رساندن ثبت می‌شود.
reply-read-all = همهٔ پاسخ‌ها را به انگلیسی، دری، پښتو و اردو بخوانید
reply-which = پاسخ
reply-answered-in = به { $name } پاسخ داده می‌شود به
reply-set = تعیین
reply-replies = پاسخ‌ها
reply-none = هنوز هیچ پاسخی نیست.
reply-to = به
reply-delivery = رساندن
reply-by = از طرف

## staff pages

yes = بلی
no = نخیر
none = هیچ.
optional = اختیاری
code-from-app = کود از برنامهٔ تأیید هویت شما
audit-intro = هر تغییر، هر بار دیدن سابقهٔ یک شخص یا یک پرونده، هر ورود؛ تازه‌ترین اول. برای این‌که ببینید کسی آن را دوباره ننوشته است:
audit-action = کار
audit-object = چیز
audit-id = شماره
audit-from = از
audit-until = تا
audit-when-utc = چه وقت (UTC)
audit-address = آدرس
audit-none = هیچ رویدادی پیدا نشد.
audit-older = رویدادهای کهنه‌تر
bulk-title = ارجاع یا پاسخ به چند پرونده یک‌جا
bulk-intro = شماره‌های پرونده را بنویسید (C-12، 13 …)، با کامه یا فاصله جدا. هر کار برای همهٔ پرونده‌ها انجام می‌شود، یا برای هیچ‌کدام.
bulk-refer-all = همهٔ پرونده‌ها را ارجاع کنید
bulk-reply-all = به همهٔ پرونده‌ها پاسخ بدهید
# unsure: «جدا یا یکجا کردن» for split or join.
split-title = جدا یا یکجا کردن
split-intro = برای کسانی در این پرونده که خانوادهٔ دیگری هستند، یا خانواده‌ای که در دو پرونده است: کسانی را که منتقل می‌شوند نشانی کنید. درخواست‌های مربوط به آن‌ها هم با آن‌ها می‌رود، دلیل به حیث یادداشت در هر دو پرونده می‌ماند، و برگرداندن همان کسان این کار را لغو می‌کند.
split-people = کسانی که منتقل می‌شوند
split-into = به پرونده
split-into-hint = C-123؛ خالی برای پروندهٔ نو
split-move = منتقل کنید
export-title = گرفتن خروجی پرونده‌ها
export-intro = یک فایل CSV از پرونده‌های مؤسسه با نام شخص اصلی هر پرونده. این فایل معلومات شخصی دارد: آن را در یک دستگاه رمزگذاری‌شده نگه دارید، تنها با کسانی که به آن نیاز دارند شریک کنید، و پس از کار پاک کنید. هر خروجی در سابقهٔ تغییرات ثبت می‌شود، و سطر اول فایل می‌گوید چه کسی و چه وقت آن را ساخته است.
export-download = دانلود CSV
orgs-title = مؤسسه‌های همکار
orgs-intro = پرونده‌ها به این مؤسسه‌ها ارجاع می‌شوند. کاربران آن‌ها تنها ارجاع‌های مؤسسهٔ خود را می‌بینند. ساختن کاربر برای یک همکار:
orgs-kind = نوع
orgs-contact = تماس
orgs-add = افزودن یک مؤسسه
orgs-name = نام
orgs-email = ایمیل تماس
orgs-add-button = افزودن
partner-intro = تنها چیزی که فرستنده خواسته شریک کند نشان داده می‌شود. وقتی ارجاع را گرفتید رسید آن را تأیید کنید، بعد آن را بپذیرید یا رد کنید (با دلیل)، و با نتیجه تمامش کنید.
partner-none = هیچ ارجاعی به مؤسسهٔ شما نیست.
ref-referral = ارجاع
ref-state = وضعیت
ref-sent = فرستاده شد
ref-why = چرا
ref-shared = شریک‌شده
ref-declined-because = رد شد چون
ref-result = نتیجه
ref-answer = پاسخ
ref-all = همهٔ ارجاع‌ها
ref-withdraw-or-record = پس گرفتن، یا ثبت پاسخ همکار
ref-on-behalf = پاسخی که این‌جا ثبت شود، به نام شما از طرف { $org } نشانی می‌شود.
ref-export = گرفتن فایل امضاشده
ref-export-why = برای همکاری که در Corridor نیست (این خروجی ثبت می‌شود).
ref-noted = دیده شد: رد شدن ارجاع دیده شد
ref-reason-required = دلیل (لازم)
ref-result-required = نتیجه (لازم)
ref-overdue-only = تنها ناوقت‌ها
ref-none = هیچ ارجاعی پیدا نشد.
ref-declined = ارجاع رد شد
replies-title = پاسخ‌ها به درخواست‌کنندگان
replies-intro = هر پاسخ به هر زبان چه می‌گوید. شمارهٔ مراجعه از خود درخواست‌کننده است؛ چیز دیگری دربارهٔ آن‌ها در پاسخ نیست.
review-title = بررسی
review-same-q = آیا این همان شخص است؟
review-probability = احتمال
review-field = خانه
review-new-record = سابقهٔ نو
review-known-person = شخص شناخته‌شده
review-agreement = همخوانی
review-weight = وزن
# unsure: technical; log2 odds kept as written.
review-total = احتمال اولیه و مجموع (log2 odds؛ بالاتر از 0 یعنی بیشتر همان شخص)
review-held-back = دستگاه مقایسه خودداری کرد:
review-same = همان شخص: یکجا کنید
review-different = اشخاص جدا
reviews-to-review = { $count } برای بررسی
reviews-intro = هر سطر شخصی از یک درخواست نو است که شاید کسی باشد که از پیش شناخته شده. آن را باز کنید تا هر دو را کنار هم ببینید.
reviews-may-be = شاید باشد
reviews-none = چیزی برای بررسی نیست.
person-records = { $count ->
    [one] { $count } سابقه
   *[other] { $count } سابقه
}
person-detached = این سابقه جدا شد: اکنون شخص جداگانه است:
person-merged-into = این شخص یکجا شد با
person-known = آن‌چه معلوم است، و از کجا آمده
person-value = مقدار
person-from-inquiry = از درخواست
person-records-title = همهٔ سابقه‌ها، همان‌طور که هر درخواست‌کننده نوشته
person-check = بررسی کنید:
person-detach = این سابقه را جدا کنید
person-detach-why = چرا (اختیاری)
person-detach-title = این سابقه از شخص دیگری است: آن را شخص جداگانه بسازید
person-merges = یکجا شدن‌ها
person-merge = یکجا شدن
person-undone = لغو شد
person-undo-merge = لغو یکجا شدن
person-no-merges = هیچ یکجا شدنی نیست.
pathway-note-back = یادداشت (برای برگشت لازم است)
pathway-add-evidence = افزودن مدرک
pathway-first-step = نخستین مرحلهٔ مسیر
search-label = نام، تلفن، تذکره، پاسپورت، ایمیل، شمارهٔ مراجعه یا شمارهٔ پرونده
search-hint = یک نام همهٔ املاهای آن را پیدا می‌کند، به هر دو خط؛ برای کمتر کردن نتیجه‌ها نام پدر («ولد …»)، سال تولد یا ولایت را بیفزایید.
search-none = هیچ کس و هیچ چیز پیدا نشد.
search-none-name = با هیچ املای این نام، هیچ کس و هیچ چیز پیدا نشد.
search-latest = تازه‌ترین درخواست
search-not-yours = در پرونده‌های شما نیست
search-ask-team = در پرونده‌های شما نیست: از تیم آن بپرسید
search-requests = درخواست‌ها
search-requesters = درخواست‌کنندگان
upload-intro = جدول‌ها (CSV، XLSX)، ایمیل‌ها (.eml) و صندوق‌های ایمیل (.mbox). هر سطری که نام یک شخص را دارد یک درخواست می‌شود؛ خانه‌ای که خوانده نشود (یک تاریخ، یک آدرس ایمیل) همان‌طور که نوشته شده نگه داشته، نشانی و برای بررسی شما فهرست می‌شود. سطرهایی که اصلاً خوانده نشوند یا نام کسی را نداشته باشند با سطر، ستون و دلیل فهرست می‌شوند. وارد کردن دوبارهٔ همان سطرها چیزی نمی‌افزاید.
upload-files = فایل‌ها
upload-who = چه کسی فرستاده
upload-source = نام فهرست
upload-import = وارد کنید
upload-rows = { $count ->
    [one] { $count } سطر
   *[other] { $count } سطر
}
upload-stored = { $count } ذخیره شد
upload-refused = { $count } رد شد
upload-already = { $count } از پیش بود
upload-warned = { $count ->
    [one] { $count } سطر ذخیره‌شده خانه‌ای برای بررسی دارد.
   *[other] { $count } سطر ذخیره‌شده خانه‌ای برای بررسی دارند.
}
upload-file = فایل
upload-row = سطر
upload-column = ستون
upload-to-check = ذخیره شد، برای بررسی
upload-to-check-intro = این سطرها نام اشخاص را دارند و ذخیره شدند؛ خانهٔ نام‌برده در صفحهٔ شخص نشانی شده است (یا اگر برای ثبت بسیار دراز بود، از جزئیات شخص بیرون مانده؛ سطر همان‌طور که رسیده نگه داشته شده). آن را همان‌جا درست کنید.
upload-what = چه چیز را بررسی کنید
users-intro = تغییر نقش یا از نو تنظیم کردن عامل دوم، کاربر را از همه جا بیرون می‌کند و یک کود تازه از برنامهٔ تأیید هویت شما لازم دارد. کاربران و رمزهای نو:
users-user = کاربر
users-role = نقش
users-active = فعال
users-change-role = تغییر نقش
users-change = تغییر
users-reset = از نو
inq-inquiry = درخواست
inq-same-people = پرونده‌های باز همین اشخاص یا خانواده
inq-attach-to = به C-{ $n } وصل کنید
inq-create-case = ساختن پرونده
inq-team-for = تیم { $category }
inq-attach-other = وصل کردن به پروندهٔ باز دیگر
inq-case-number = شمارهٔ پرونده
inq-attach = وصل کنید
inq-as-received = همان‌طور که رسید، بدون تغییر
known-not-yet = هنوز شناخته نشده: هیچ کس در سابقه‌ها با این نام، تلفن یا سند همخوانی ندارد. ذخیره کردن یک درخواست نو باز می‌کند.
known-title = از پیش شناخته شده؟
known-intro = شاید این کسی باشد که از پیش در سابقه‌ها است. به او بگویید در کدام پرونده است؛ ذخیره کردن، درخواست را به شخص شناخته‌شده می‌افزاید اگر دستگاه مقایسه مطمئن باشد، وگرنه برای بررسی می‌ماند.
known-triage-intro = اشخاص این درخواست شاید کسانی باشند که از پیش در سابقه‌ها هستند. اگر دربارهٔ آن‌ها است، به جای ساختن پروندهٔ دیگر، آن را به پروندهٔ باز آن‌ها وصل کنید.
known-score = امتیاز
known-case-owner = پروندهٔ باز و مسئول
known-cases-owners = پرونده‌ها و مسئولان
known-ask-owner = در پرونده‌های شما نیست: از مسئول آن بپرسید
sitrep-title = گزارش وضعیت
sitrep-period = دوره
sitrep-utc-days = روزهای UTC
sitrep-as-of = پرونده‌های باز و جاها تا
sitrep-made = ساخته شد
sitrep-external-note = برای شریک کردن بیرون از گروه کاری: شمارهای کمتر از { $n } به شکل «<{ $n }» نشان داده می‌شوند.
sitrep-internal-note = داخلی: شمارهای دقیق. برای شریک کردن بیرون از گروه کاری، نسخهٔ بیرونی را به کار ببرید.
sitrep-show = نشان دادن گزارش
sitrep-printable = گزارش برای چاپ
sitrep-csv-outside = CSV برای بیرون
sitrep-page-outside = صفحه برای بیرون
sitrep-flow = درخواست‌های آمده، بسته‌شده‌ها و کارهای مانده
sitrep-waiting = زمان انتظار پرونده‌های باز
sitrep-referral-chart = ارجاع‌هایی که منتظر پاسخ‌اند، به تفکیک همکار و مدت
sitrep-headline = در یک نگاه
sitrep-channels = درخواست‌ها به تفکیک راه رسیدن
sitrep-requesters = درخواست‌ها به تفکیک درخواست‌کننده
sitrep-status = پرونده‌های باز به تفکیک وضعیت
sitrep-category = پرونده‌های باز به تفکیک نوع کمک
sitrep-priority = پرونده‌های باز به تفکیک اولویت
sitrep-team = پرونده‌های باز به تفکیک تیم
sitrep-age = پرونده‌های باز چه مدت منتظر مانده‌اند
sitrep-age-note = مدت از باز شدن پرونده، در پایان دوره.
sitrep-location = اشخاص پرونده‌های باز به تفکیک جایی که هستند
sitrep-location-note = جایی که تازه‌ترین سابقهٔ هر شخص می‌گوید.
sitrep-outcome = پرونده‌های بسته‌شده در این دوره، به تفکیک نتیجه
sitrep-overdue = پرونده‌های بازی که از مهلت گذشته‌اند، به تفکیک تیم
sitrep-overdue-note = پاسخ‌های نخست و کارهای بعدی ناوقت در پایان دوره؛ پرونده‌ای که از هر دو نظر ناوقت است یک بار در مجموع تیم شمرده می‌شود.
sitrep-pathways = اشخاص به تفکیک مسیر و مرحله
sitrep-pathways-note = مسیرهای هر شخص اکنون در کجا است.
sitrep-referrals = ارجاع‌هایی که منتظر پاسخ همکارند، به تفکیک همکار
sitrep-referrals-note = فرستاده یا رسید تأییدشده، هنوز پذیرفته یا رد نشده، در پایان دوره.
sitrep-referral_age = ارجاع‌ها چه مدت منتظر پاسخ مانده‌اند
sitrep-referral_age-note = مدت از فرستادن ارجاع، در پایان دوره.
sitrep-declined = ارجاع‌های ردشده در این دوره، به تفکیک همکار
sitrep-line-inquiries = درخواست‌های رسیده
sitrep-line-people = اشخاص جداگانه‌ای که به آن‌ها مربوط است
sitrep-line-households = خانواده‌ها (یک شخص تنها، یک خانواده شمرده می‌شود)
sitrep-line-new_people = اشخاص نو در این دوره
sitrep-line-known_people = اشخاصی که از پیش شناخته شده بودند
sitrep-line-new_cases = پرونده‌های نو
sitrep-line-open_cases = پرونده‌های باز
sitrep-line-unowned = پرونده‌های باز بدون مسئول
sitrep-line-overdue = پرونده‌های بازی که از مهلت گذشته‌اند
sitrep-line-referrals_outstanding = ارجاع‌هایی که منتظر پاسخ همکارند
sitrep-line-at_border = اشخاص در گذرگاه‌های مرزی
sitrep-line-closed = پرونده‌های بسته یا حل‌شده
sitrep-age-lt1 = کمتر از ۱ روز
sitrep-age-1to3 = ۱ تا ۳ روز
sitrep-age-3to7 = ۳ تا ۷ روز
sitrep-age-7to14 = ۷ تا ۱۴ روز
sitrep-age-14to30 = ۱۴ تا ۳۰ روز
sitrep-age-gt30 = بیشتر از ۳۰ روز
sitrep-no-outcome = حل شد (نتیجه ثبت نشده)
sitrep-not-recorded = ثبت نشده
sitrep-all-partners = همهٔ همکاران
sitrep-team-cases = { $team }: پرونده‌های ناوقت
sitrep-team-first_response = { $team }: پاسخ نخست ناوقت
sitrep-team-next_action = { $team }: کار بعدی ناوقت
cases-mine-intro = پرونده‌های باز شما، فوری‌ترین اول.
cases-unowned-intro = پرونده‌های بازی که مسئول آن‌ها دیگر فعال نیست. یکی را باز کنید و به کسی بدهید که فعال است.
cases-team-intro = پرونده‌های باز تیم، فوری‌ترین اول.
cases-team-no-lead-intro = پرونده‌های باز تیم. این تیم رهبر ندارد: درخواست‌های نو آن در دسته‌بندی اولیه منتظر می‌مانند.

# Refusals, in plain words

refuse-role-cases = نقش شما اجازهٔ دیدن پرونده‌ها را نمی‌دهد.
refuse-role-change = نقش شما نمی‌تواند پرونده‌ها را تغییر دهد.
refuse-role-intake = نقش شما اجازهٔ ثبت درخواست‌ها را نمی‌دهد.
refuse-role-referrals = نقش شما اجازهٔ دیدن پرونده‌ها یا ارجاع‌ها را نمی‌دهد.
refuse-role-refer = نقش شما نمی‌تواند پرونده‌ها را ارجاع کند یا به درخواست‌کنندگان پاسخ بدهد.
refuse-role-orgs = تنها مدیران و رهبران مؤسسه‌های همکار را می‌افزایند.
refuse-role-search = نقش شما نمی‌تواند اشخاص و پرونده‌ها را جستجو کند.
refuse-role-audit = تنها بازرسان و مدیران سابقهٔ تغییرات را می‌خوانند.
refuse-role-export = تنها رهبران گروه کاری می‌توانند فهرست اشخاص را بیرون بگیرند.
refuse-role-triage = نقش شما نمی‌تواند درخواست‌ها را دسته‌بندی کند.
refuse-role-people = نقش شما اجازهٔ دیدن سابقهٔ اشخاص را نمی‌دهد.
refuse-role-reviews = تنها رهبران گروه کاری شباهت‌های احتمالی و یکجا کردن‌ها را بررسی می‌کنند.
refuse-role-admin = تنها مدیران کاربران را اداره می‌کنند.
refuse-role-sitrep = گزارش وضعیت برای رهبران و مدیران است.
refuse-form-expired = وقت این فورمه گذشته است. برگردید، صفحه را دوباره باز کنید و باز کوشش کنید.
refuse-partner-view = این بخش برای حساب‌های مؤسسه‌های همکار است.
refuse-partner-only = حساب‌های همکار تنها ارجاع‌های مؤسسهٔ خود را در /partner می‌بینند.
refuse-no-org = این حساب مؤسسه ندارد.
refuse-owner-needed = هر پرونده باید همیشه مسئول داشته باشد: یکی را انتخاب کنید.
refuse-choose-pathway = مسیری را که این مرحله از آن است انتخاب کنید.
refuse-page-link = این لینک صفحه درست نیست.
refuse-choose-case = دست‌کم یک پرونده انتخاب کنید.
refuse-choose-org = مؤسسه را انتخاب کنید.
refuse-org-invalid = این مؤسسه درست نیست.
refuse-person-invalid = یکی از اشخاص انتخاب‌شده درست نیست.
refuse-respond-by = تاریخ پاسخ باید یک تاریخ باشد (YYYY-MM-DD).
refuse-choose-reply = پاسخی را که فرستاده شود انتخاب کنید.
refuse-split-reason = بنویسید چرا این اشخاص منتقل می‌شوند.
refuse-no-inquiry = چنین درخواستی نیست.
refuse-case-invalid = یکی از پرونده‌های انتخاب‌شده درست نیست.
refuse-tick-cases = نخست پرونده‌هایی را که تغییر می‌کنند نشانی کنید.
refuse-choose-status = وضعیت نو را انتخاب کنید.
refuse-choose-action = انتخاب کنید با این پرونده‌ها چه شود.
refuse-notification-invalid = یکی از آگاهی‌های نشانی‌شده درست نیست.
refuse-choose-person = شخص را انتخاب کنید.
refuse-give-case = شمارهٔ پرونده را بنویسید.
refuse-inquiry-invalid = یکی از درخواست‌های انتخاب‌شده درست نیست.
refuse-tick-inquiries = نخست درخواست‌هایی را که دسته‌بندی می‌شوند نشانی کنید.
refuse-known-gone = آن شخص شناخته‌شده دیگر وجود ندارد.
refuse-same-or-different = «همان» یا «جدا» را انتخاب کنید.
refuse-threshold = حد باید یک عدد کامل از ۱ به بالا باشد.
refuse-audience = خواننده یا داخلی است یا بیرونی.
refuse-too-many-sign-ins = از آدرس شما بسیار کوشش برای ورود شده است. ده دقیقه صبر کنید و باز کوشش کنید.
refuse-fresh-code = این کار یک کود تازه از برنامهٔ تأیید هویت شما لازم دارد، و آن کود درست نیست یا پیش‌تر به کار رفته است. برگردید و کود کنونی را بنویسید.
refuse-not-case-number = { $value } شمارهٔ پرونده نیست.
refuse-due-date = تاریخ مهلت { $value } یک تاریخ نیست (YYYY-MM-DD).
refuse-date-field = { $field } باید یک تاریخ به شکل YYYY-MM-DD باشد.
not-found-case = پروندهٔ C-{ $n } وجود ندارد.
not-found-person = شخص P-{ $n } وجود ندارد.
not-found-inquiry = درخواست { $n } وجود ندارد.
not-found-review = شباهت احتمالی R-{ $n } وجود ندارد.
not-found-merge = یکجا شدن M-{ $n } وجود ندارد.
not-found-referral = ارجاع R-{ $n } وجود ندارد.
not-found-task = کار { $n } وجود ندارد.
not-found-team = تیم { $n } وجود ندارد.
not-found-thing = این (دیگر) وجود ندارد: { $what }.

# What was done

done-role = نقش تغییر کرد؛ کاربر از همه جا بیرون شد.
done-2fa-reset = عامل دوم از نو شد؛ کاربر در ورود بعدی یک عامل نو تنظیم می‌کند.
done-note = یادداشت افزوده شد.
done-task = کار افزوده شد.
done-task-done = کار به‌روز شد.
done-pathway = مسیر به‌روز شد.
done-evidence = مدرک افزوده شد.
done-assigned = پرونده به کس دیگری سپرده شد.
done-split = اشخاص با درخواست‌های مربوط به آن‌ها به این پرونده منتقل شدند.
done-status = وضعیت تغییر کرد.
done-priority = اولویت تعیین شد.
done-triaged = درخواست اکنون در این پرونده است.
done-referred = پرونده ارجاع شد.
done-replied = به هر درخواست‌کننده پاسخ داده شد یا برای رساندن ثبت شد.
done-language = زبان درخواست‌کننده تعیین شد.
done-merged = یکجا شد: این سابقه اکنون از شخص شناخته‌شده است.
done-different = به حیث اشخاص جدا ثبت شد.
done-undone = یکجا شدن لغو شد: هر دو شخص باز جدا هستند.
done-referral = ارجاع به‌روز شد.
done-noted = رد شدن ارجاع دیده شد.
done-bulk-referred = { $count ->
    [one] { $count } پرونده ارجاع شد.
   *[other] { $count } پرونده ارجاع شد.
}
done-bulk-replied = { $count ->
    [one] { $count } پاسخ فرستاده یا برای رساندن ثبت شد.
   *[other] { $count } پاسخ فرستاده یا برای رساندن ثبت شد.
}
done-stored = ذخیره شد. شمارهٔ مراجعه برای درخواست‌کننده { $reference } است.
done-triaged-n = { $count ->
    [one] دسته‌بندی شد: { $count } پروندهٔ نو.
   *[other] دسته‌بندی شد: { $count } پروندهٔ نو.
}

# How the matcher compared two records

match-field-given_name = نام
match-field-family_name = تخلص
match-field-father_name = نام پدر
match-field-date_of_birth = تاریخ تولد
match-field-sex = جنسیت
match-field-tazkira = تذکره
match-field-passport = پاسپورت
match-field-phone = تلفن
match-field-email = ایمیل
match-field-address = آدرس
match-field-province = ولایت
match-level-exact = یکسان
match-level-close = نزدیک
match-level-partial = تا اندازه‌ای یکسان
match-level-different = متفاوت
match-level-missing = نیست

# The domain's values

channel-web_form = فورمهٔ ویب
channel-api = API (از سیستم دیگر)
channel-email = ایمیل
channel-spreadsheet = جدول
channel-walk_in = مراجعهٔ حضوری
channel-phone = تلفن
channel-staff_form = فورمهٔ کارمند
channel-sms = پیامک (SMS)
channel-whatsapp = واتس‌اپ
requester-kind-state_office = ادارهٔ دولتی
requester-kind-agency = ادارهٔ دیگر
requester-kind-international_org = مؤسسهٔ بین‌المللی
requester-kind-ngo = مؤسسهٔ غیردولتی
requester-kind-sponsor = حامی
# unsure: "congressional office" (US Congress member's office).
requester-kind-congressional = دفتر عضو کانگرس
requester-kind-self = خود شخص
role-admin = مدیر سیستم
role-lead = رهبر گروه کاری
role-case_officer = مسئول پرونده
role-intake_clerk = کارمند ثبت
role-partner = کاربر همکار
role-auditor = بازرس
outcome-evacuated = انتقال داده شد
outcome-visa_issued = ویزا صادر شد
outcome-referred_elsewhere = به جای دیگر ارجاع شد
outcome-resolved_locally = در محل حل شد
outcome-no_longer_needed = دیگر لازم نیست
outcome-ineligible = واجد شرایط نیست
outcome-unreachable = با او تماس گرفته نشد
outcome-duplicate = تکراری
outcome-other = دیگر
# unsure: programme names are usually kept in English beside the Dari.
pathway-siv = ویزای ویژهٔ مهاجرت (SIV)
pathway-refugee_p1 = معرفی به حیث پناهنده P-1
pathway-refugee_p2 = معرفی به حیث پناهنده P-2
pathway-humanitarian_parole = اجازهٔ ورود بشردوستانه (parole)
pathway-unhcr_registration = ثبت نام در UNHCR
pathway-claimed_no_record = ادعای واجد شرایط بودن، سابقه پیدا نشد
step-chief_of_mission_submitted = درخواست Chief of Mission فرستاده شد
step-com_in_progress_not_approved = Chief of Mission در جریان است، هنوز تأیید نشده
step-com_approved = Chief of Mission تأیید شد
step-i360_filed = درخواست I-360 داده شد
step-nvc = در مرکز ملی ویزا (NVC)
step-interview = مصاحبهٔ ویزا
step-visa_issued = ویزا صادر شد
step-referred = معرفی شد
step-interviewed = مصاحبه شد
step-approved = تأیید شد
step-denied = رد شد
step-travelled = سفر کرد
step-applied = درخواست داد
step-requested = ثبت نام درخواست شد
step-registered = ثبت نام شد
step-claimed = ادعا شده، سابقه پیدا نشد
step-verifying = در حال بررسی
step-verified = تأیید شد
step-not_verified = تأیید نشد
evidence-com_approval_letter = نامهٔ تأیید Chief of Mission
evidence-com_application = درخواست Chief of Mission
evidence-i360_receipt = رسید I-360
evidence-nvc_case_number = شمارهٔ پروندهٔ NVC
evidence-interview_letter = نامهٔ وقت مصاحبه
evidence-visa = ویزا
evidence-referral_letter = نامهٔ معرفی
evidence-parole_decision = فیصلهٔ parole
evidence-unhcr_registration = شمارهٔ ثبت UNHCR
evidence-employment_record = سابقهٔ کار
evidence-identity_document = سند هویت
evidence-other = دیگر
org-kind-un_agency = ادارهٔ سازمان ملل
org-kind-ngo = مؤسسهٔ غیردولتی
org-kind-government = دولت
org-kind-other = دیگر
referral-state-sent = فرستاده شد
referral-state-acknowledged = رسید تأیید شد
referral-state-accepted = پذیرفته شد
referral-state-declined = رد شد
referral-state-completed = تمام شد
referral-state-withdrawn = پس گرفته شد
share-field-names = نام‌ها
share-field-dates_of_birth = تاریخ‌های تولد
share-field-phones = شماره‌های تلفن
share-field-document_numbers = شماره‌های اسناد
share-field-location = جای بودن
share-field-category = نوع کمک
share-field-message = یک پیام
reply-language-en = انگلیسی
reply-language-prs = دری
reply-language-ps = پښتو
reply-language-ur = اردو
reply-template-progress = اطلاع از پیشرفت
reply-template-documents_needed = درخواست اسناد
reply-template-referral_made = ارجاع انجام شد
reply-template-case_closed = پرونده بسته شد
delivery-email_queued = ایمیل در نوبت فرستادن است
delivery-to_deliver_by_phone = باید تلفنی رسانده شود
delivery-to_deliver_in_person = باید حضوری رسانده شود
deadline-kind-first_response = پاسخ نخست
deadline-kind-next_action = کار بعدی
review-status-pending = منتظر بررسی
review-status-same = همان شخص
review-status-different = اشخاص جدا
pathway-start = (شروع)
pathway-history = { $from } ← { $to }، توسط { $by }، { $when }
err-date-cannot-exist = این تاریخ وجود ندارد: روز و ماه را ببینید. آن را درست کنید، یا اگر در اسناد همین‌طور نوشته شده، خانهٔ آخر فورمه را نشانی کنید و دوباره بفرستید.
err-date-future = این تاریخ بعد از امروز است. آن را درست کنید، یا اگر در اسناد همین‌طور نوشته شده، خانهٔ آخر فورمه را نشانی کنید و دوباره بفرستید.
err-phone = این به شمارهٔ تلفن نمی‌ماند: باید ۷ تا ۱۵ رقم داشته باشد. آن را درست کنید، یا همان‌طور که نوشته شده نگه دارید.
err-document = این به شمارهٔ سند نمی‌ماند: حروف و رقم‌ها، دست‌کم چهار رقم. آن را درست کنید، یا همان‌طور که نوشته شده نگه دارید.
desk-confirm-warning = این‌ها را با خود شخص بررسی کنید. اگر همان‌طور که نوشته شده درست است، ذخیره کردن آن‌ها را همان‌طور نگه می‌دارد و برای بررسی دوباره نشانی می‌کند.
notif-grouped = به تفکیک پرونده و نوع، تازه‌ترین اول. یک سطر را نشانی کنید تا همهٔ آن خوانده‌شده شود.
notif-latest = تازه‌ترین
notif-tick-group = نشانی کردن همهٔ سطر
notif-show-all = { $count ->
    [one] نشان دادن { $count }
   *[other] نشان دادن هر { $count }
}
notif-kind-escalation = مهلت گذشت
notif-kind-mention = از شما نام برده شد
notif-kind-task_assigned = کاری برای شما
notif-kind-other = دیگر
case-owners-team = تیم مسئول
case-needed-to-close = برای بستن لازم است
case-needed-to-close-reopen = برای بستن یا دوباره باز کردن لازم است
required = لازم
cases-bulk-title = با پرونده‌های نشانی‌شده
cases-bulk-intro = یک تغییر برای همه، یا برای هیچ‌کدام: اگر یک پرونده نپذیرد، چیزی تغییر نمی‌کند و صفحه می‌گوید کدام و چرا.
cases-bulk-assign = سپردن به
cases-bulk-status = تغییر وضعیت به
cases-bulk-apply = انجام بر پرونده‌های نشانی‌شده
intake-asked-for = آن‌چه خواستند
intake-people = اشخاص (اول شخص اصلی؛ سطرهای اضافه را خالی بگذارید)
intake-household = نام خانواده
intake-household-hint = اختیاری، مثلاً تخلص خانواده همان‌طور که درخواست‌کننده می‌نویسد
intake-save = ذخیرهٔ درخواست
sitrep-chart-flow = درخواست‌های روزانه در برابر بسته‌شده‌ها، با کارهای مانده
sitrep-chart-per-day = در روز
sitrep-chart-backlog-axis = کارهای مانده (پرونده‌های باز)
sitrep-chart-inquiries = درخواست‌ها
sitrep-chart-new-cases = پرونده‌های نو
sitrep-chart-closures = بسته‌شده‌ها
sitrep-chart-backlog-legend = کارهای مانده (محور راست)
sitrep-chart-day = روز (UTC)
sitrep-chart-age = پرونده‌های باز چه مدت منتظر مانده‌اند
sitrep-chart-open-cases = پرونده‌های باز
sitrep-chart-waiting-axis = مدت انتظار از باز شدن پرونده
sitrep-chart-flow-desc = از { $from } تا { $to }: { $inquiries } درخواست، { $new } پروندهٔ نو و { $closures } بسته‌شده؛ در پایان { $backlog } کار مانده.
rule-partner-cannot-own = { $name } کاربر همکار است و نمی‌تواند مسئول پرونده باشد.
rule-user-inactive = { $name } فعال نیست: کسی را انتخاب کنید که فعال است.
rule-priority-reason = تغییر اولویت دلیل می‌خواهد.
rule-team-without-lead = تیم { $team } رهبری ندارد که مسئول پرونده شود: یک مسئول انتخاب کنید.
rule-case-closed = پروندهٔ C-{ $n } بسته است: اول آن را دوباره باز کنید، یا پروندهٔ نو بسازید.
rule-nobody-to-move = دست‌کم یک شخص را برای انتقال نشانی کنید.
rule-move-within-case = اشخاص به پروندهٔ دیگر منتقل می‌شوند، نه به همان پرونده‌ای که در آن هستند (C-{ $n }).
rule-in-bulk = پروندهٔ C-{ $n } نپذیرفت، پس هیچ چیز تغییر نکرد: { $why }
rule-referral-reason = ارجاع دلیل می‌خواهد: آن را در خانهٔ «چرا» بنویسید.
rule-no-field-shared = دست‌کم یک چیز را برای شریک کردن با همکار نشانی کنید.
rule-no-person-chosen = دست‌کم یک شخص را برای ارجاع نشانی کنید.
rule-evidence-content = مدرک یک شماره یا یادداشت می‌خواهد.
## documents

documents-title = اسناد
documents-none = هنوز هیچ سندی نیست.
document-kind = نوع
document-type = قالب
document-size = اندازه
document-added-at = اضافه شده
document-scan = بررسی بدافزار
document-view = دیدن
document-download = دانلود
document-file = فایل (JPEG، PNG، HEIC یا PDF؛ تا { $n } مگابایت)
document-attach = ضمیمه کردن سند
document-added = سند ضمیمه شد.
document-already-present = این فایل قبلاً ضمیمه شده است: دوباره ذخیره نشد.
document-refused = سند ضمیمه نشد:
document-scan-clean = پاک
# unsure: "quarantined" as قرنطینه, the word used for files as for people
document-scan-infected = بدافزار یافت شد: قرنطینه شد
document-scan-pending = هنوز بررسی نشده: نگه داشته شده
document-scan-none = بررسی نشده (بررسی‌کننده تنظیم نشده)
document-kind-tazkira = تذکره
document-kind-passport = پاسپورت
document-kind-com-letter = نامهٔ رئیس مأموریت (COM)
document-kind-employment-proof = ثبوت استخدام
document-kind-i797 = اطلاعیهٔ I-797
document-kind-unhcr-slip = ورقهٔ ثبت‌نام UNHCR
document-kind-photo = عکس
document-kind-other = دیگر
## messages

msg-conversation = پیام‌های متنی
msg-replies-by-text = درخواست‌کنندگانی که با پیامک یا واتس‌اپ نوشته‌اند، از همان راه و به زبان خودشان جواب می‌گیرند.
msg-from = از
msg-to = به
msg-state-received = دریافت شد
msg-state-opted-out = خواست دیگر پیام نگیرد (STOP)
msg-state-opted-in = دوباره پیام خواست (START)
msg-state-status-query = وضعیت را پرسید
msg-state-blocked = شماره مسدود است
msg-state-rate-limited = پیام‌های بیش از حد از این شماره
msg-state-queued = در انتظار ارسال
msg-state-sent = ارسال شد
msg-state-delivered = رسید
msg-state-failed = نرسید
msg-state-withheld = ارسال نشد: این شماره پیام نمی‌خواهد یا مسدود است
upload-documents = { $count ->
    [one] { $count } ضمیمهٔ ایمیل به‌عنوان سند درخواستش ذخیره شد.
   *[other] { $count } ضمیمهٔ ایمیل به‌عنوان سند درخواست‌هایشان ذخیره شدند.
}
inq-attachments-refused = ضمیمه‌هایی که پذیرفته نشدند
request-files = عکس یا اسکن اسناد، اگر دارید (تذکره، پاسپورت، نامه‌ها): JPEG، PNG، HEIC یا PDF، هر کدام تا { $mb } مگابایت، حداکثر { $n } فایل. جای گرفتن عکس از آن پاک می‌شود.
request-files-again = هر چیز دیگری که نوشتید اینجا مانده است؛ لطفاً فایل‌ها را دوباره انتخاب کنید.
err-file-too-large = یک فایل از حدی که بالا نوشته شده بزرگ‌تر است.
err-file-too-many = فایل‌ها زیاد است: حدی را که بالا نوشته شده ببینید.
err-file-type = فقط عکس (JPEG، PNG، HEIC) و فایل PDF فرستاده می‌شود.
err-file-unreadable = یک فایل خوانده نشد: شاید خراب باشد. لطفاً دوباره عکس بگیرید.
err-file-malware = یک فایل پذیرفته نشد، چون ممکن است زیان‌آور باشد.
desk-files = اسناد شخص، اسکن‌شده یا عکس‌گرفته (اختیاری): JPEG، PNG، HEIC یا PDF، هر کدام تا { $mb } مگابایت، حداکثر { $n } فایل.
msg-number-blocked = مسدود
msg-number-opted-out = دیگر پیام نمی‌خواهد (STOP)
msg-block = مسدود کردن این شماره
msg-unblock = رفع مسدودیت این شماره
msg-block-reason = دلیل
msg-block-refused = تنها رهبر تیم یا مدیر سیستم می‌تواند شماره‌ای را مسدود یا رفع مسدودیت کند.
msg-block-no-message = این پیام از پیام‌های این پرونده نیست.
msg-block-reason-needed = بنویسید که چرا این شماره مسدود می‌شود.
msg-done-blocked = شماره مسدود شد: پیام‌هایش چیزی باز نمی‌کند و چیزی به آن فرستاده نمی‌شود.
msg-done-unblocked = شماره دیگر مسدود نیست.

# Documents shared with referrals, and evidence backed by a document.
refer-documents = اسنادی که شریک می‌شوند
ref-documents = اسناد شریک‌شده
ref-document-download = دانلود
refuse-document-invalid = یکی از اسناد انتخاب‌شده درست نیست.
rule-document-not-on-case = سند { $doc } از قضیه C-{ $n }، اشخاص یا درخواست‌های آن نیست: با این ارجاع شریک شده نمی‌تواند.
rule-document-held = سند { $doc } هنوز توسط بررسی بدافزار پاک شناخته نشده است، بنابراین شریک شده نمی‌تواند.
rule-evidence-document = سند { $doc } از این شخص یا از قضیه‌ای که او در آن است نیست.
evidence-document = سند
evidence-document-none = (هیچ)
evidence-document-link = سند { $doc }
