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
reply-read-all = همهٔ پاسخ‌ها را به انگلیسی، دری و پښتو بخوانید
reply-which = پاسخ
reply-answered-in = به { $name } پاسخ داده می‌شود به
reply-set = تعیین
reply-replies = پاسخ‌ها
reply-none = هنوز هیچ پاسخی نیست.
reply-to = به
reply-delivery = رساندن
reply-by = از طرف

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
