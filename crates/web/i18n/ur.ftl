# Corridor اردو میں (Urdu). Plain words, for readers on a phone.
# Every message of en.ftl must be here; a test fails otherwise.
# Terms: case = کیس, reference number = حوالہ نمبر.

## Every page

corridor = Corridor
language = زبان
skip-to-content = مواد پر جائیں
actions = کارروائیاں
home = سرورق

## The public request form

request-title = مدد کی درخواست
request-intro = ہمیں بتائیں کہ کسے مدد کی ضرورت ہے۔ آپ کو اکاؤنٹ کی ضرورت نہیں۔ آپ کو ایک حوالہ نمبر اور ایک خفیہ کوڈ ملے گا تاکہ بعد میں درخواست کی صورتحال دیکھ سکیں۔
request-who-needs-help = کسے مدد کی ضرورت ہے
request-principal = مرکزی شخص
request-person-n = شخص { $n }
request-family-intro = خاندان کے وہ افراد شامل کریں جو ان کے ساتھ ہیں: بیوی یا شوہر، بچے، والدین۔
request-add-more = مزید افراد شامل کریں
request-more-note = نیچے مزید افراد کے لیے جگہ ہے۔
field-given-name = نام
field-family-name = خاندانی نام
field-father-name = والد کا نام
field-date-of-birth = تاریخ یا سالِ پیدائش
field-date-of-birth-hint = مثال کے طور پر 1990 یا 1990-02-28
field-sex = جنس
sex-female = عورت
sex-male = مرد
sex-other = دیگر
field-relationship = مرکزی شخص سے رشتہ
relationship-spouse = بیوی یا شوہر
relationship-child = بیٹا یا بیٹی
relationship-parent = ماں یا باپ
relationship-sibling = بھائی یا بہن
relationship-other = کوئی اور رشتہ دار
field-tazkira = تذکرہ نمبر
field-passport = پاسپورٹ نمبر
field-phone = فون یا واٹس ایپ
field-location = اس وقت کہاں ہیں
field-category = کس مدد کی ضرورت ہے
field-needs = چند الفاظ میں
request-you = آپ
# unsure: the verb agrees with the speaker's gender; both forms are given.
request-for-self = میں اپنے یا اپنے خاندان کے لیے درخواست کر رہا / رہی ہوں
request-for-other = میں کسی اور کے لیے درخواست کر رہا / رہی ہوں
field-your-name = آپ کا نام
field-your-email = آپ کا ای میل (حوالہ نمبر حاصل کرنے کے لیے)
field-your-phone = آپ کا فون
request-send = درخواست بھیجیں
request-check-link = پہلے بھیجی گئی درخواست دیکھیں
request-keep-as-written = جیسا میں نے لکھا ہے وہی درست ہے؛ اسی طرح بھیج دیں۔

## Messages beside the fields

form-problems = براہِ کرم یہ دیکھیں اور دوبارہ بھیجیں:
form-expired = فارم کا وقت ختم ہو گیا۔ آپ نے جو لکھا تھا وہ ابھی یہیں ہے؛ براہِ کرم دوبارہ بھیجیں۔
err-name-needed = کم از کم ایک ایسے شخص کا نام لکھیں جسے مدد کی ضرورت ہے۔
err-your-name = اپنا نام لکھیں۔
err-email = یہ ای میل پتہ درست نہیں لگتا۔ اسے درست کریں یا خالی چھوڑ دیں۔
err-date-of-birth = ہم یہ تاریخ نہیں پڑھ سکتے۔ سال لکھیں (جیسے 1990)، یا تاریخ جیسے 1990-02-28، یا عمر جیسے 34 سال۔
err-date-confirm = اگر جیسا لکھا ہے ویسا ہی درست ہے تو فارم کے آخر میں خانے پر نشان لگائیں اور دوبارہ بھیجیں۔
err-sex = فہرست میں سے ایک چنیں۔
err-required = یہ خانہ پُر کریں۔
err-too-long = کچھ بہت لمبا ہے۔ براہِ کرم اپنی تحریر مختصر کریں۔
err-no-person-on-row = اس شخص کا نام لکھیں، یا اس حصے کے باقی خانے خالی کریں۔

## After sending

request-done-title = درخواست مل گئی
request-done-again = یہ درخواست ہمارے پاس پہلے سے ہے
request-done-intro = یہ لکھ لیں یا اس صفحے کی تصویر لے لیں۔ درخواست کی صورتحال دیکھنے کے لیے آپ کو دونوں کی ضرورت ہوگی۔
reference-number = حوالہ نمبر
secret-code = خفیہ کوڈ
request-done-email = ہم حوالہ نمبر آپ کے ای میل پر بھی بھیجیں گے۔
request-done-private = خفیہ کوڈ کسی کو نہ دیں؛ جس کے پاس یہ ہو وہ اس درخواست کی صورتحال دیکھ سکتا ہے۔
request-done-people = اس درخواست میں افراد کی تعداد: { $count }
check-status = صورتحال دیکھیں

## The status page

status-title = درخواست کی صورتحال دیکھیں
status-label = صورتحال:
status-not-found = اس حوالہ نمبر اور خفیہ کوڈ کے ساتھ ہمیں کوئی درخواست نہیں ملی۔ دونوں کو دیکھیں اور دوبارہ کوشش کریں۔
status-check = دیکھیں
status-explained = صورتحال ان میں سے ایک ہوتی ہے: موصول، زیرِ غور، شراکت دار ادارے کو بھیجی گئی، بند۔
public-status-received = موصول
public-status-under_review = زیرِ غور
public-status-referred = شراکت دار ادارے کو بھیجی گئی
public-status-closed = بند

## Messages for the public

wait-title = براہِ کرم انتظار کریں
wait-message = آپ کے کنکشن سے بہت زیادہ درخواستیں آئیں۔ براہِ کرم دس منٹ انتظار کریں اور دوبارہ کوشش کریں۔

## Kinds of help

category-evacuation = محفوظ جگہ منتقلی (انخلا)
category-border_crossing = سرحد پار کرنا
category-visa = ویزا
# unsure: refugee referral (P-1/P-2).
category-refugee_referral = پناہ گزین کے طور پر سفارش
category-medical = طبی مدد
category-protection = تحفظ
category-other = دیگر

## Sign in

login-title = سائن اِن
login-username = صارف نام
login-password = پاس ورڈ
login-submit = سائن اِن
login-failed = یہ صارف نام اور پاس ورڈ کسی فعال اکاؤنٹ سے میل نہیں کھاتے، یا بہت زیادہ کوششوں کے بعد اکاؤنٹ کچھ دیر کے لیے روک دیا گیا ہے۔ انہیں دیکھیں، یا کچھ دیر انتظار کر کے دوبارہ کوشش کریں۔

code-title = دوسرا مرحلہ
code-enroll-title = اپنا دوسرا مرحلہ ترتیب دیں
code-enter-title = اپنا کوڈ درج کریں
code-enroll-why = Corridor خطرے میں لوگوں کے ریکارڈ رکھتا ہے، اس لیے ہر سائن اِن کے لیے پاس ورڈ کے ساتھ آپ کے فون کی تصدیقی ایپ کا کوڈ بھی درکار ہے۔ یہ اکاؤنٹ ایپ میں شامل کریں (FreeOTP، Aegis، Google Authenticator یا کوئی بھی TOTP ایپ)، پھر وہ چھ ہندسوں کا کوڈ درج کریں جو وہ دکھاتی ہے۔
code-enroll-scan = کوڈ اسکین کریں، یا خفیہ کلید ٹائپ کریں (یا نیچے دیا گیا لنک چسپاں کریں):
code-enter = وہ چھ ہندسوں کا کوڈ درج کریں جو آپ کی تصدیقی ایپ Corridor کے لیے دکھاتی ہے۔
code-label = کوڈ
code-continue = جاری رکھیں
code-failed = یہ کوڈ درست نہیں، یا پہلے استعمال ہو چکا ہے۔ اگلے کوڈ کا انتظار کریں اور دوبارہ کوشش کریں۔ بہت زیادہ کوششوں کے بعد اکاؤنٹ کچھ دیر کے لیے روک دیا جاتا ہے۔

## Error pages

error-request-id = اس درخواست کی شناخت:
error-quote-id = (مسئلے کی اطلاع دیتے وقت یہ بتائیں)
error-not-allowed = اجازت نہیں
error-not-found = نہیں ملا
error-cannot = یہ نہیں ہو سکتا
error-conflict = ٹکراؤ
error-too-many = بہت زیادہ کوششیں
error-internal = کچھ غلط ہو گیا
error-internal-message = درخواست مکمل نہیں ہو سکی۔ کچھ بھی ادھورا محفوظ نہیں ہوا؛ براہِ کرم دوبارہ کوشش کریں۔

## The staff menu

nav-menu = مینو
nav-dashboard = ڈیش بورڈ
nav-cases = کیسز
nav-mine = میرے کیسز
nav-unowned = ذمہ دار درکار
nav-overdue = مقررہ وقت گزر گیا
nav-tasks = میرے کام
nav-reviews = ممکنہ مماثلتیں
nav-referrals = ریفرلز
nav-bulk = اجتماعی ریفرل یا جواب
nav-partner = ہمیں بھیجے گئے ریفرلز
nav-inquiries = درخواستیں
# unsure: triage.
nav-triage = ابتدائی چھانٹی
nav-intake = نیا اندراج
nav-desk = واک اِن ڈیسک
nav-upload = فہرست درآمد کریں
nav-export = برآمد
nav-audit = آڈٹ ریکارڈ
nav-users = صارفین
nav-notifications = اطلاعات
nav-sign-out = سائن آؤٹ
nav-find = تلاش
nav-find-label = کسی کو بھی تلاش کریں
nav-find-placeholder = نام، فون، تذکرہ، CR-… یا C-…

## The walk-in desk

desk-title = واک اِن ڈیسک
desk-born = پیدائش
desk-email = ای میل
desk-need = ضرورت
desk-family = ساتھ آئے ہوئے خاندان کے افراد (ہر سطر میں ایک: نام، رشتہ، سالِ پیدائش)
desk-notes = نوٹس
desk-requester-language = رسید اور جوابات کی زبان
desk-review = محفوظ کرنے سے پہلے دیکھیں
desk-check = دیکھیں کہ پہلے سے معلوم ہے یا نہیں
desk-not-chosen = وہ کیس اب کسی ایسے شخص کا کھلا کیس نہیں جس کے بارے میں یہ درخواست ہو سکتی ہے۔ کچھ محفوظ نہیں ہوا: دوبارہ دیکھیں اور فہرست سے منتخب کریں۔
known-attach = یہ درخواست کیس C-{ $n } میں شامل کریں
desk-confirm-title = محفوظ کرنے سے پہلے دیکھیں
desk-confirm-intro = یہی محفوظ ہوگا۔ اسے اس شخص کو پڑھ کر سنائیں۔
desk-confirm-save = محفوظ کریں اور رسید پرنٹ کریں
desk-change = تبدیل کریں
desk-family-none = خاندان کا کوئی فرد نہیں لکھا گیا۔
desk-enter-note = Enter اگلے خانے پر لے جاتا ہے؛ صرف محفوظ کرنے کا بٹن محفوظ کرتا ہے۔

## The desk receipt

receipt-title = رسید
receipt-received = آپ کی درخواست { $when } کو موصول ہوئی۔
receipt-quote = جب بھی اس درخواست کے بارے میں پوچھیں، حوالہ نمبر بتائیں۔
receipt-status-at = خفیہ کوڈ کے ساتھ آپ اس کی صورتحال یہاں دیکھ سکتے ہیں:
receipt-qr = صورتحال کا صفحہ کھولنے کے لیے اسکین کریں
receipt-next = اگلا شخص (پہلے یہ صفحہ پرنٹ کریں: Ctrl+P)
receipt-print = پرنٹ

## Refused actions on the case page

refused-title = یہ کام نہیں ہوا:
refused-not-allowed = کیس { $from } سے { $to } میں نہیں جا سکتا۔
refused-reason-required = کیس کو { $to } میں لے جانے کے لیے وجہ درکار ہے: وجہ کے خانے میں لکھیں۔
refused-outcome-required = کیس بند کرنے کے لیے نتیجہ درکار ہے: نتیجے کی فہرست سے ایک چنیں۔
refused-outcome-only-closing = نتیجہ صرف کیس بند کرتے وقت چنیں۔

## Notifications

notif-unread = { $count } غیر پڑھی ہوئی
notif-mark-ticked = نشان زدہ کو پڑھا ہوا کریں
notif-mark-all = سب کو پڑھا ہوا کریں
notif-tick = نشان لگائیں
notif-when = وقت
notif-what = کیا
notif-case = کیس
notif-none = ابھی کچھ نہیں۔

## The staff intake form

intake-keep-as-written = تاریخیں جیسے لکھی ہیں ویسے ہی درست ہیں؛ انہیں اسی طرح محفوظ کریں (یہ رکھی جائیں گی اور نشان زد ہوں گی)۔

## Case lists

cases-matching = { $count } مماثل
cases-none = ان فلٹرز سے کوئی کیس مماثل نہیں۔
filter-any = کوئی بھی
filter-anyone = کوئی بھی شخص
filter-open = صرف کھلے
filter-needs-owner = ذمہ دار درکار
filter-overdue = مقررہ وقت گزر گیا
filter-urgent-first = سب سے فوری پہلے
filter-submit = فلٹر
col-select = منتخب کریں
col-case = کیس
col-about = کس کے بارے میں
col-category = مدد کی قسم
col-status = صورتحال
col-priority = ترجیح
col-owner = ذمہ دار
col-team = ٹیم
col-people = افراد
col-inquiries = درخواستیں
col-waiting = انتظار
col-due = مقررہ تاریخ
col-pathway = راستہ
col-step = مرحلہ
case-status-new = نیا
case-status-triaged = چھانٹی شدہ
case-status-in_progress = جاری
case-status-waiting_applicant = درخواست گزار کا انتظار
case-status-waiting_partner = شراکت دار کا انتظار
case-status-resolved = حل شدہ
case-status-closed = بند
case-status-reopened = دوبارہ کھولا گیا
priority-critical = انتہائی فوری
priority-high = فوری
priority-normal = عام
priority-low = کم

## The case page

case-outcome = نتیجہ
case-first-response = پہلا جواب
case-next-action = اگلا کام
case-household = گھرانہ
case-assign = سپرد کریں
case-change-status = صورتحال بدلیں
case-new-status = نئی صورتحال
case-override-priority = ترجیح بدلیں
case-set-priority = ترجیح مقرر کریں
case-reason = وجہ
case-notes = نوٹس
case-add-note = نوٹ شامل کریں
case-tasks = کام
case-pathways = راستے
case-who-asked = کس نے پوچھا
case-history = تاریخچہ

## Tasks, pathways, people and history

task-task = کام
task-assignee = کام کا ذمہ دار
task-done = مکمل
task-reopen = دوبارہ کھولیں
task-mark-done = مکمل
task-none = کوئی کام نہیں۔
task-nobody = ابھی کوئی نہیں
task-add = کام شامل کریں
tasks-intro = کیسوں پر آپ کو دیے گئے کام، پہلے کھلے کام مقررہ تاریخ کے لحاظ سے۔
tasks-hide-done = مکمل کام چھپائیں
tasks-show-done = مکمل کام بھی دکھائیں
tasks-none-for-you = آپ کے لیے کوئی کام نہیں۔
pathway-person = شخص
pathway-evidence = ثبوت
pathway-none = ان افراد کے لیے کوئی راستہ درج نہیں۔
pathway-put = کسی شخص کو راستے پر ڈالیں
pathway-add = راستہ شامل کریں
people-documents = دستاویزات
people-where = کہاں
people-relationship = رشتہ
people-needs = ضروریات
people-from = ماخذ
people-inquiry = درخواست
people-none = ابھی کوئی شخص درج نہیں۔
inq-received = موصول
inq-channel = ذریعہ
inq-requester = درخواست گزار
inq-subject = موضوع
hist-who = کس نے
hist-detail = تفصیل
case-note = نوٹ
case-note-hint = @صارف‌نام کسی ساتھی کو اطلاع دیتا ہے
case-note-contact = ہمارا درخواست گزار یا درخواست دہندہ سے رابطہ ہوا (پہلا جواب شمار ہوتا ہے)

## Inquiries

inq-waiting-triage = چھانٹی کی منتظر
inq-triage-title = منتخب درخواستوں کی چھانٹی کریں
inq-triage-intro = ہر منتخب درخواست کو اس کی مدد کی قسم کے ساتھ اپنا الگ کیس ملتا ہے، ایک ہی قدم میں: سب یا کوئی نہیں۔
inq-team-default = ہر درخواست کی مدد کی قسم والی ٹیم
inq-owner-default = ٹیم کا سربراہ
inq-triage-submit = ہر ایک کے لیے کیس بنائیں
inq-none = ان فلٹرز سے کوئی درخواست مماثل نہیں۔
next-page = اگلا صفحہ ←

## Forms that act once

sent-once = یہ فارم دو بار بھیجا گیا؛ دوسری بار کچھ نہیں ہوا، اس لیے کچھ بھی دو بار نہیں گیا۔

## Deadlines and ages

deadline-met = { $when } کو پورا ہوا
deadline-overdue = { $when } سے تاخیر
deadline-due = مقررہ وقت { $when }
deadline-not-set = مقرر نہیں
deadline-none-closed = کوئی نہیں: کیس کھلا نہیں
due-first-response = پہلا جواب { $when }
due-next-action = اگلا کام { $when }
age-days = { $n } دن
age-hours = { $n } گھنٹے
age-minutes = { $n } منٹ
case-last-change = آخری تبدیلی { $when }

## Referrals and replies on the case page

refer-title = شراکت دار کو حوالہ
refer-org = ادارہ
refer-share-only = صرف یہ شیئر کریں
refer-message = پیغام
refer-why = کیوں (ضروری)
refer-respond-by = جواب کی آخری تاریخ
refer-submit = حوالہ کریں
reply-title = تمام درخواست گزاروں کو جواب
reply-intro = ہر درخواست گزار کو اس کی زبان میں اور اسی ذریعے سے جواب دیا جاتا ہے جس سے وہ آیا: ای میل بھیجی جاتی ہے؛ فون کال یا ذاتی حاضری ترسیل کے لیے درج کی جاتی ہے۔
reply-read-all = تمام جوابات انگریزی، دری، پشتو اور اردو میں پڑھیں
reply-which = جواب
reply-answered-in = { $name } کو جواب دیا جاتا ہے
reply-set = مقرر کریں
reply-replies = جوابات
reply-none = ابھی کوئی جواب نہیں۔
reply-to = کس کو
reply-delivery = ترسیل
reply-by = بھیجنے والا

## staff pages

yes = ہاں
no = نہیں
none = کوئی نہیں۔
optional = اختیاری
code-from-app = آپ کی تصدیقی ایپ کا کوڈ
audit-intro = ہر تبدیلی، کسی شخص یا کیس کے ریکارڈ کو ہر بار دیکھنا، ہر سائن اِن؛ تازہ ترین پہلے۔ یہ جانچنے کے لیے کہ کسی نے اسے دوبارہ نہیں لکھا:
audit-action = کام
audit-object = چیز
audit-id = نمبر
audit-from = سے
audit-until = تک
audit-when-utc = کب (UTC)
audit-address = پتا
audit-none = کوئی واقعہ نہیں ملا۔
audit-older = پرانے واقعات
bulk-title = کئی کیسز کو ایک ساتھ ریفر کریں یا جواب دیں
bulk-intro = کیس نمبر لکھیں (C-12، 13 …)، کاما یا خالی جگہ سے الگ۔ ہر کام یا تو سب کیسز کے لیے ہوتا ہے یا کسی کے لیے نہیں۔
bulk-refer-all = سب کیسز ریفر کریں
bulk-reply-all = سب کیسز پر جواب دیں
# unsure: «الگ کریں یا ملائیں» for split or join.
split-title = الگ کریں یا ملائیں
split-intro = اس کیس کے اُن لوگوں کے لیے جو دوسرا خاندان ہیں، یا ایسا خاندان جو دو کیسز میں ہے: جو منتقل ہوں گے اُن پر نشان لگائیں۔ ان کے بارے میں درخواستیں بھی ساتھ جاتی ہیں، وجہ دونوں کیسز میں نوٹ کے طور پر رہتی ہے، اور انہی لوگوں کو واپس منتقل کرنا اسے منسوخ کر دیتا ہے۔
split-people = منتقل ہونے والے لوگ
split-into = کیس میں
split-into-hint = C-123؛ نئے کیس کے لیے خالی چھوڑیں
split-move = منتقل کریں
export-title = کیسز برآمد کریں
export-intro = ادارے کے کیسز کی ایک CSV فائل، ہر کیس کے مرکزی شخص کے نام کے ساتھ۔ اس میں ذاتی معلومات ہیں: اسے خفیہ کاری والے آلے پر رکھیں، صرف ضرورت مند لوگوں سے شیئر کریں، اور کام کے بعد مٹا دیں۔ ہر برآمد آڈٹ ریکارڈ میں درج ہوتی ہے، اور فائل کی پہلی سطر بتاتی ہے کہ کس نے اور کب بنائی۔
export-download = CSV ڈاؤن لوڈ کریں
orgs-title = شراکت دار ادارے
orgs-intro = کیسز ان اداروں کو ریفر کیے جاتے ہیں۔ ان کے صارفین صرف اپنے ادارے کے ریفرلز دیکھتے ہیں۔ شراکت دار کے لیے صارف بنانا:
orgs-kind = قسم
orgs-contact = رابطہ
orgs-add = ادارہ شامل کریں
orgs-name = نام
orgs-email = رابطے کی ای میل
orgs-add-button = شامل کریں
partner-intro = صرف وہی دکھایا جاتا ہے جو بھیجنے والے نے شیئر کرنا چنا۔ ریفرل ملنے پر اس کی وصولی کی تصدیق کریں، پھر اسے قبول یا رد کریں (وجہ کے ساتھ)، اور نتیجے کے ساتھ مکمل کریں۔
partner-none = آپ کے ادارے کو کوئی ریفرل نہیں۔
ref-referral = ریفرل
ref-state = حالت
ref-sent = بھیجا گیا
ref-why = کیوں
ref-shared = شیئر کیا گیا
ref-declined-because = رد کیا گیا کیونکہ
ref-result = نتیجہ
ref-answer = جواب
ref-all = تمام ریفرلز
ref-withdraw-or-record = واپس لیں، یا شراکت دار کا جواب درج کریں
ref-on-behalf = یہاں درج کیا گیا جواب آپ کے نام سے { $org } کی طرف سے درج شدہ دکھایا جاتا ہے۔
ref-export = دستخط شدہ فائل برآمد کریں
ref-export-why = اس شراکت دار کے لیے جو Corridor پر نہیں (یہ برآمد درج ہوتی ہے)۔
ref-noted = دیکھ لیا: ریفرل کا رد ہونا دیکھ لیا گیا
ref-reason-required = وجہ (ضروری)
ref-result-required = نتیجہ (ضروری)
ref-overdue-only = صرف تاخیر والے
ref-none = کوئی ریفرل نہیں ملا۔
ref-declined = ریفرل رد ہوا
replies-title = درخواست گزاروں کو جوابات
replies-intro = ہر جواب ہر زبان میں کیا کہتا ہے۔ حوالہ نمبر درخواست گزار کا اپنا ہے؛ ان کے بارے میں اور کچھ جواب میں نہیں ہوتا۔
review-title = جائزہ
review-same-q = کیا یہ وہی شخص ہے؟
review-probability = امکان
review-field = خانہ
review-new-record = نیا ریکارڈ
review-known-person = معلوم شخص
review-agreement = مطابقت
review-weight = وزن
# unsure: technical; log2 odds kept as written.
review-total = ابتدائی امکان اور کل (log2 odds؛ 0 سے اوپر یعنی زیادہ امکان کہ وہی شخص ہے)
review-held-back = موازنہ کرنے والا نظام رک گیا:
review-same = وہی شخص: ملا دیں
review-different = الگ الگ لوگ
reviews-to-review = جائزے کے لیے { $count }
reviews-intro = ہر قطار کسی نئی درخواست کا ایک شخص ہے جو شاید پہلے سے معلوم ہو۔ دونوں کو ساتھ ساتھ دیکھنے کے لیے اسے کھولیں۔
reviews-may-be = شاید یہ ہو
reviews-none = جائزے کے لیے کچھ نہیں۔
person-records = { $count ->
    [one] { $count } ریکارڈ
   *[other] { $count } ریکارڈز
}
person-detached = یہ ریکارڈ الگ کر دیا گیا: اب یہ الگ شخص ہے:
person-merged-into = اس شخص کو ملا دیا گیا
person-known = کیا معلوم ہے، اور کہاں سے آیا
person-value = قدر
person-from-inquiry = درخواست سے
person-records-title = تمام ریکارڈز، جیسے ہر درخواست گزار نے لکھے
person-check = جانچیں:
person-detach = یہ ریکارڈ الگ کریں
person-detach-why = کیوں (اختیاری)
person-detach-title = یہ ریکارڈ کسی اور کا ہے: اسے الگ شخص بنائیں
person-merges = ملاپ
person-merge = ملاپ
person-undone = منسوخ
person-undo-merge = ملاپ منسوخ کریں
person-no-merges = کوئی ملاپ نہیں۔
pathway-note-back = نوٹ (واپس جانے کے لیے ضروری)
pathway-add-evidence = ثبوت شامل کریں
pathway-first-step = راستے کا پہلا مرحلہ
search-label = نام، فون، تذکرہ، پاسپورٹ، ای میل، درخواست کا حوالہ یا کیس نمبر
search-hint = ایک نام اپنے سب ہجے ڈھونڈ لیتا ہے، دونوں رسم الخط میں؛ نتائج کم کرنے کے لیے والد کا نام («ولد …»)، پیدائش کا سال یا صوبہ شامل کریں۔
search-none = کوئی شخص یا چیز نہیں ملی۔
search-none-name = اس نام کے کسی ہجے سے کوئی شخص یا چیز نہیں ملی۔
search-latest = تازہ ترین درخواست
search-not-yours = آپ کے کیسز میں نہیں
search-ask-team = آپ کے کیسز میں نہیں: اس کی ٹیم سے پوچھیں
search-requests = درخواستیں
search-requesters = درخواست گزار
upload-intro = اسپریڈشیٹس (CSV، XLSX)، ای میلز (.eml) اور میل باکسز (.mbox)۔ جس قطار میں کسی شخص کا نام ہو وہ ایک درخواست بن جاتی ہے؛ جو خانہ پڑھا نہ جا سکے (تاریخ، ای میل پتا) وہ جیسا لکھا ہے ویسا رکھا جاتا ہے، نشان زد اور آپ کی جانچ کے لیے درج کیا جاتا ہے۔ جو قطاریں بالکل پڑھی نہ جا سکیں یا کسی کا نام نہ ہو، وہ قطار، کالم اور وجہ کے ساتھ درج کی جاتی ہیں۔ وہی قطاریں دوبارہ درآمد کرنے سے کچھ شامل نہیں ہوتا۔
upload-files = فائلیں
upload-who = کس نے بھیجا
upload-source = فہرست کا نام
upload-import = درآمد کریں
upload-rows = { $count ->
    [one] { $count } قطار
   *[other] { $count } قطاریں
}
upload-stored = { $count } محفوظ
upload-refused = { $count } رد
upload-already = { $count } پہلے سے موجود
upload-warned = { $count ->
    [one] { $count } محفوظ قطار میں جانچنے کے لیے ایک خانہ ہے۔
   *[other] { $count } محفوظ قطاروں میں جانچنے کے لیے ایک خانہ ہے۔
}
upload-file = فائل
upload-row = قطار
upload-column = کالم
upload-to-check = محفوظ، جانچ کے لیے
upload-to-check-intro = ان قطاروں میں لوگوں کے نام ہیں اور یہ محفوظ ہو گئیں؛ بتایا گیا خانہ شخص کے صفحے پر نشان زد ہے (یا اگر درج کرنے کے لیے بہت لمبا تھا تو شخص کی تفصیلات سے باہر رکھا گیا؛ قطار جیسی آئی ویسی رکھی گئی)۔ اسے وہیں درست کریں۔
upload-what = کیا جانچیں
users-intro = کردار بدلنا یا دوسرا مرحلہ دوبارہ ترتیب دینا صارف کو ہر جگہ سے سائن آؤٹ کر دیتا ہے، اور آپ کی تصدیقی ایپ کا تازہ کوڈ مانگتا ہے۔ نئے صارفین اور پاس ورڈ:
users-user = صارف
users-role = کردار
users-active = فعال
users-change-role = کردار بدلیں
users-change = بدلیں
users-reset = دوبارہ ترتیب دیں
inq-inquiry = درخواست
inq-same-people = انہی لوگوں یا گھرانے کے کھلے کیسز
inq-attach-to = C-{ $n } سے جوڑیں
inq-create-case = کیس بنائیں
inq-team-for = { $category } کی ٹیم
inq-attach-other = کسی اور کھلے کیس سے جوڑیں
inq-case-number = کیس نمبر
inq-attach = جوڑیں
inq-as-received = جیسی موصول ہوئی، بغیر تبدیلی کے
known-not-yet = ابھی معلوم نہیں: ریکارڈ میں کوئی اس نام، فون یا دستاویز سے نہیں ملتا۔ محفوظ کرنے سے نئی درخواست کھلتی ہے۔
known-title = پہلے سے معلوم؟
known-intro = یہ شاید کوئی ایسا ہو جو پہلے سے ریکارڈ میں ہے۔ انہیں بتائیں کہ وہ کس کیس میں ہیں؛ اگر موازنہ کرنے والا نظام یقینی ہو تو محفوظ کرنا درخواست کو معلوم شخص میں شامل کر دیتا ہے، ورنہ یہ جائزے کا انتظار کرتی ہے۔
known-triage-intro = اس درخواست کے لوگ شاید پہلے سے ریکارڈ میں ہوں۔ اگر یہ انہی کے بارے میں ہے تو نیا کیس بنانے کے بجائے اسے ان کے کھلے کیس سے جوڑیں۔
known-score = اسکور
known-case-owner = کھلا کیس اور ذمہ دار
known-cases-owners = کیسز اور ذمہ دار
known-ask-owner = آپ کے کیسز میں نہیں: اس کے ذمہ دار سے پوچھیں
sitrep-title = صورتحال کی رپورٹ
sitrep-period = مدت
sitrep-utc-days = UTC دن
sitrep-as-of = کھلے کیسز اور مقامات، بمطابق
sitrep-made = تیار کی گئی
sitrep-external-note = ٹاسک فورس سے باہر شیئر کرنے کے لیے: { $n } سے کم گنتی «<{ $n }» کے طور پر دکھائی جاتی ہے۔
sitrep-internal-note = اندرونی: درست اعداد۔ ٹاسک فورس سے باہر شیئر کرنے کے لیے بیرونی نسخہ استعمال کریں۔
sitrep-show = رپورٹ دکھائیں
sitrep-printable = چھاپنے کے لیے رپورٹ
sitrep-csv-outside = باہر کے لیے CSV
sitrep-page-outside = باہر کے لیے صفحہ
sitrep-flow = آنے والی درخواستیں، بند کیسز اور باقی کام
sitrep-waiting = کھلے کیسز کے انتظار کا وقت
sitrep-referral-chart = جواب کے منتظر ریفرلز، شراکت دار اور مدت کے لحاظ سے
sitrep-headline = ایک نظر میں
sitrep-channels = درخواستیں، ذریعے کے لحاظ سے
sitrep-requesters = درخواستیں، درخواست گزار کے لحاظ سے
sitrep-status = کھلے کیسز، صورتحال کے لحاظ سے
sitrep-category = کھلے کیسز، مدد کی قسم کے لحاظ سے
sitrep-priority = کھلے کیسز، ترجیح کے لحاظ سے
sitrep-team = کھلے کیسز، ٹیم کے لحاظ سے
sitrep-age = کھلے کیسز نے کتنا انتظار کیا
sitrep-age-note = کیس کھلنے سے اب تک کی مدت، مدت کے آخر میں۔
sitrep-location = کھلے کیسز کے لوگ، جہاں وہ ہیں اس کے لحاظ سے
sitrep-location-note = جہاں ہر شخص کا تازہ ترین ریکارڈ بتاتا ہے۔
sitrep-outcome = اس مدت میں بند ہونے والے کیسز، نتیجے کے لحاظ سے
sitrep-overdue = مہلت سے گزرے کھلے کیسز، ٹیم کے لحاظ سے
sitrep-overdue-note = مدت کے آخر میں تاخیر والے پہلے جوابات اور اگلے کام؛ جو کیس دونوں لحاظ سے تاخیر میں ہو وہ ٹیم کے کل میں ایک بار گنا جاتا ہے۔
sitrep-pathways = لوگ، راستے اور مرحلے کے لحاظ سے
sitrep-pathways-note = ہر شخص کے راستے اب کہاں ہیں۔
sitrep-referrals = شراکت دار کے جواب کے منتظر ریفرلز، شراکت دار کے لحاظ سے
sitrep-referrals-note = بھیجے گئے یا وصولی کی تصدیق شدہ، ابھی قبول یا رد نہیں ہوئے، مدت کے آخر میں۔
sitrep-referral_age = ریفرلز نے جواب کا کتنا انتظار کیا
sitrep-referral_age-note = ریفرل بھیجنے سے اب تک کی مدت، مدت کے آخر میں۔
sitrep-declined = اس مدت میں رد ہونے والے ریفرلز، شراکت دار کے لحاظ سے
sitrep-line-inquiries = موصول درخواستیں
sitrep-line-people = متعلقہ الگ الگ لوگ
sitrep-line-households = گھرانے (اکیلا شخص ایک گھرانہ گنا جاتا ہے)
sitrep-line-new_people = اس مدت میں نئے لوگ
sitrep-line-known_people = پہلے سے معلوم لوگ
sitrep-line-new_cases = نئے کیسز
sitrep-line-open_cases = کھلے کیسز
sitrep-line-unowned = ذمہ دار کے منتظر کھلے کیسز
sitrep-line-overdue = مہلت سے گزرے کھلے کیسز
sitrep-line-referrals_outstanding = شراکت دار کے جواب کے منتظر ریفرلز
sitrep-line-at_border = سرحدی گزرگاہوں پر لوگ
sitrep-line-closed = بند یا حل شدہ کیسز
sitrep-age-lt1 = 1 دن سے کم
sitrep-age-1to3 = 1 تا 3 دن
sitrep-age-3to7 = 3 تا 7 دن
sitrep-age-7to14 = 7 تا 14 دن
sitrep-age-14to30 = 14 تا 30 دن
sitrep-age-gt30 = 30 دن سے زیادہ
sitrep-no-outcome = حل شدہ (نتیجہ درج نہیں)
sitrep-not-recorded = درج نہیں
sitrep-all-partners = تمام شراکت دار
sitrep-team-cases = { $team }: تاخیر والے کیسز
sitrep-team-first_response = { $team }: پہلے جواب میں تاخیر
sitrep-team-next_action = { $team }: اگلے کام میں تاخیر
cases-mine-intro = آپ کے کھلے کیسز، سب سے فوری پہلے۔
cases-unowned-intro = وہ کھلے کیسز جن کا ذمہ دار اب فعال نہیں۔ ایک کھولیں اور کسی فعال شخص کو دیں۔
cases-team-intro = ٹیم کے کھلے کیسز، سب سے فوری پہلے۔
cases-team-no-lead-intro = ٹیم کے کھلے کیسز۔ اس ٹیم کا کوئی سربراہ نہیں: اس کی نئی درخواستیں ابتدائی چھانٹی میں انتظار کرتی ہیں۔

# Refusals, in plain words

refuse-role-cases = آپ کے کردار کو کیسز تک رسائی نہیں۔
refuse-role-change = آپ کا کردار کیسز نہیں بدل سکتا۔
refuse-role-intake = آپ کے کردار کو درخواستوں کے اندراج تک رسائی نہیں۔
refuse-role-referrals = آپ کے کردار کو کیسز یا ریفرلز تک رسائی نہیں۔
refuse-role-refer = آپ کا کردار کیسز ریفر نہیں کر سکتا اور درخواست گزاروں کو جواب نہیں دے سکتا۔
refuse-role-orgs = صرف منتظمین اور سربراہ شراکت دار ادارے شامل کرتے ہیں۔
refuse-role-search = آپ کا کردار لوگوں اور کیسز کو تلاش نہیں کر سکتا۔
refuse-role-audit = صرف آڈیٹرز اور منتظمین آڈٹ ریکارڈ پڑھتے ہیں۔
refuse-role-export = صرف ٹاسک فورس کے سربراہ لوگوں کی فہرستیں برآمد کر سکتے ہیں۔
refuse-role-triage = آپ کا کردار درخواستوں کی چھانٹی نہیں کر سکتا۔
refuse-role-people = آپ کے کردار کو لوگوں کے ریکارڈ تک رسائی نہیں۔
refuse-role-reviews = صرف ٹاسک فورس کے سربراہ ممکنہ مماثلتوں اور ملاپ کا جائزہ لیتے ہیں۔
refuse-role-admin = صرف منتظمین صارفین کا انتظام کرتے ہیں۔
refuse-role-sitrep = صورتحال کی رپورٹ سربراہوں اور منتظمین کے لیے ہے۔
refuse-form-expired = اس فارم کا وقت ختم ہو گیا۔ واپس جائیں، صفحہ دوبارہ کھولیں اور پھر کوشش کریں۔
refuse-partner-view = یہ حصہ شراکت دار اداروں کے اکاؤنٹس کے لیے ہے۔
refuse-partner-only = شراکت دار اکاؤنٹس صرف اپنے ادارے کے ریفرلز /partner پر دیکھتے ہیں۔
refuse-no-org = اس اکاؤنٹ کا کوئی ادارہ نہیں۔
refuse-owner-needed = ہر کیس کا ہمیشہ کوئی ذمہ دار ہونا چاہیے: ایک چنیں۔
refuse-choose-pathway = وہ راستہ چنیں جس کا یہ مرحلہ ہے۔
refuse-page-link = صفحے کا یہ لنک درست نہیں۔
refuse-choose-case = کم از کم ایک کیس چنیں۔
refuse-choose-org = ادارہ چنیں۔
refuse-org-invalid = یہ ادارہ درست نہیں۔
refuse-person-invalid = چنے گئے لوگوں میں سے ایک درست نہیں۔
refuse-respond-by = جواب کی تاریخ ایک تاریخ ہونی چاہیے (YYYY-MM-DD)۔
refuse-choose-reply = بھیجنے کے لیے جواب چنیں۔
refuse-split-reason = لکھیں کہ یہ لوگ کیوں منتقل کیے جا رہے ہیں۔
refuse-no-inquiry = ایسی کوئی درخواست نہیں۔
refuse-case-invalid = چنے گئے کیسز میں سے ایک درست نہیں۔
refuse-tick-cases = پہلے بدلنے والے کیسز پر نشان لگائیں۔
refuse-choose-status = نئی صورتحال چنیں۔
refuse-choose-action = چنیں کہ ان کیسز کے ساتھ کیا کرنا ہے۔
refuse-notification-invalid = نشان لگی اطلاعات میں سے ایک درست نہیں۔
refuse-choose-person = شخص چنیں۔
refuse-give-case = کیس نمبر لکھیں۔
refuse-inquiry-invalid = چنی گئی درخواستوں میں سے ایک درست نہیں۔
refuse-tick-inquiries = پہلے چھانٹی کی جانے والی درخواستوں پر نشان لگائیں۔
refuse-known-gone = وہ معلوم شخص اب موجود نہیں۔
refuse-same-or-different = «وہی» یا «الگ» چنیں۔
refuse-threshold = حد 1 یا اس سے بڑا پورا عدد ہونی چاہیے۔
refuse-audience = قاری یا اندرونی ہے یا بیرونی۔
refuse-too-many-sign-ins = آپ کے پتے سے سائن اِن کی بہت زیادہ کوششیں ہوئیں۔ دس منٹ انتظار کریں اور پھر کوشش کریں۔
refuse-fresh-code = اس کام کے لیے آپ کی تصدیقی ایپ کا تازہ کوڈ ضروری ہے، اور وہ کوڈ درست نہیں یا پہلے استعمال ہو چکا ہے۔ واپس جائیں اور موجودہ کوڈ لکھیں۔
refuse-not-case-number = { $value } کیس نمبر نہیں ہے۔
refuse-due-date = مقررہ تاریخ { $value } تاریخ نہیں ہے (YYYY-MM-DD)۔
refuse-date-field = { $field } کو YYYY-MM-DD کی شکل میں تاریخ ہونا چاہیے۔
not-found-case = کیس C-{ $n } موجود نہیں۔
not-found-person = شخص P-{ $n } موجود نہیں۔
not-found-inquiry = درخواست { $n } موجود نہیں۔
not-found-review = ممکنہ مماثلت R-{ $n } موجود نہیں۔
not-found-merge = ملاپ M-{ $n } موجود نہیں۔
not-found-referral = ریفرل R-{ $n } موجود نہیں۔
not-found-task = کام { $n } موجود نہیں۔
not-found-team = ٹیم { $n } موجود نہیں۔
not-found-thing = یہ (اب) موجود نہیں: { $what }۔

# What was done

done-role = کردار بدل گیا؛ صارف ہر جگہ سے سائن آؤٹ ہو گیا۔
done-2fa-reset = دوسرا مرحلہ دوبارہ ترتیب دیا گیا؛ صارف اگلے سائن اِن پر نیا بنائے گا۔
done-note = نوٹ شامل ہو گیا۔
done-task = کام شامل ہو گیا۔
done-task-done = کام تازہ ہو گیا۔
done-pathway = راستہ تازہ ہو گیا۔
done-evidence = ثبوت شامل ہو گیا۔
done-assigned = کیس کسی اور کو سونپ دیا گیا۔
done-split = لوگ اپنی درخواستوں کے ساتھ اس کیس میں منتقل ہو گئے۔
done-status = صورتحال بدل گئی۔
done-priority = ترجیح مقرر ہو گئی۔
done-triaged = درخواست اب اس کیس میں ہے۔
done-referred = کیس ریفر ہو گیا۔
done-replied = ہر درخواست گزار کو جواب دیا گیا یا پہنچانے کے لیے درج کیا گیا۔
done-language = درخواست گزار کی زبان مقرر ہو گئی۔
done-merged = ملا دیا گیا: یہ ریکارڈ اب معلوم شخص کا ہے۔
done-different = الگ الگ لوگوں کے طور پر درج ہوا۔
done-undone = ملاپ منسوخ ہو گیا: دونوں لوگ پھر الگ ہیں۔
done-referral = ریفرل تازہ ہو گیا۔
done-noted = ریفرل کا رد ہونا دیکھ لیا گیا۔
done-bulk-referred = { $count ->
    [one] { $count } کیس ریفر ہوا۔
   *[other] { $count } کیسز ریفر ہوئے۔
}
done-bulk-replied = { $count ->
    [one] { $count } جواب بھیجا گیا یا پہنچانے کے لیے درج ہوا۔
   *[other] { $count } جوابات بھیجے گئے یا پہنچانے کے لیے درج ہوئے۔
}
done-stored = محفوظ ہو گیا۔ درخواست گزار کا حوالہ نمبر { $reference } ہے۔
done-triaged-n = { $count ->
    [one] چھانٹی ہو گئی: { $count } نیا کیس۔
   *[other] چھانٹی ہو گئی: { $count } نئے کیسز۔
}

# How the matcher compared two records

match-field-given_name = نام
match-field-family_name = خاندانی نام
match-field-father_name = والد کا نام
match-field-date_of_birth = تاریخ پیدائش
match-field-sex = جنس
match-field-tazkira = تذکرہ
match-field-passport = پاسپورٹ
match-field-phone = فون
match-field-email = ای میل
match-field-address = پتا
match-field-province = صوبہ
match-level-exact = ایک جیسا
match-level-close = قریب
match-level-partial = کچھ حد تک ایک جیسا
match-level-different = مختلف
match-level-missing = موجود نہیں

# The domain's values

channel-web_form = ویب فارم
channel-api = API (کسی اور نظام سے)
channel-email = ای میل
channel-spreadsheet = اسپریڈشیٹ
channel-walk_in = بذات خود آمد
channel-phone = فون
channel-staff_form = عملے کا فارم
channel-sms = ایس ایم ایس
channel-whatsapp = واٹس ایپ
requester-kind-state_office = سرکاری دفتر
requester-kind-agency = دوسرا ادارہ
requester-kind-international_org = بین الاقوامی تنظیم
requester-kind-ngo = غیر سرکاری تنظیم
requester-kind-sponsor = کفیل
# unsure: "congressional office" (US Congress member's office).
requester-kind-congressional = کانگریس کے رکن کا دفتر
requester-kind-self = خود وہ شخص
role-admin = منتظم
role-lead = ٹاسک فورس کا سربراہ
role-case_officer = کیس افسر
role-intake_clerk = اندراج کلرک
role-partner = شراکت دار صارف
role-auditor = آڈیٹر
outcome-evacuated = نکال لیا گیا
outcome-visa_issued = ویزا جاری ہوا
outcome-referred_elsewhere = کہیں اور ریفر کیا گیا
outcome-resolved_locally = مقامی طور پر حل ہوا
outcome-no_longer_needed = اب ضرورت نہیں
outcome-ineligible = اہل نہیں
outcome-unreachable = رابطہ نہ ہو سکا
outcome-duplicate = دہرا
outcome-other = دیگر
# unsure: programme names are usually kept in English beside the Urdu.
pathway-siv = خصوصی امیگرنٹ ویزا (SIV)
pathway-refugee_p1 = پناہ گزین ریفرل P-1
pathway-refugee_p2 = پناہ گزین ریفرل P-2
pathway-humanitarian_parole = انسانی بنیادوں پر داخلے کی اجازت (parole)
pathway-unhcr_registration = UNHCR میں اندراج
pathway-claimed_no_record = اہلیت کا دعویٰ، ریکارڈ نہیں ملا
step-chief_of_mission_submitted = Chief of Mission درخواست جمع ہوئی
step-com_in_progress_not_approved = Chief of Mission جاری، ابھی منظور نہیں
step-com_approved = Chief of Mission منظور
step-i360_filed = I-360 درخواست جمع ہوئی
step-nvc = نیشنل ویزا سینٹر (NVC) میں
step-interview = ویزا انٹرویو
step-visa_issued = ویزا جاری ہوا
step-referred = ریفر ہوا
step-interviewed = انٹرویو ہو گیا
step-approved = منظور
step-denied = مسترد
step-travelled = سفر کر لیا
step-applied = درخواست دی
step-requested = اندراج کی درخواست دی
step-registered = اندراج ہو گیا
step-claimed = دعویٰ کیا، ریکارڈ نہیں ملا
step-verifying = تصدیق جاری
step-verified = تصدیق ہو گئی
step-not_verified = تصدیق نہ ہو سکی
evidence-com_approval_letter = Chief of Mission منظوری کا خط
evidence-com_application = Chief of Mission درخواست
evidence-i360_receipt = I-360 کی رسید
evidence-nvc_case_number = NVC کیس نمبر
evidence-interview_letter = انٹرویو کے وقت کا خط
evidence-visa = ویزا
evidence-referral_letter = ریفرل کا خط
evidence-parole_decision = parole کا فیصلہ
evidence-unhcr_registration = UNHCR اندراج نمبر
evidence-employment_record = ملازمت کا ریکارڈ
evidence-identity_document = شناختی دستاویز
evidence-other = دیگر
org-kind-un_agency = اقوام متحدہ کا ادارہ
org-kind-ngo = غیر سرکاری تنظیم
org-kind-government = حکومت
org-kind-other = دیگر
referral-state-sent = بھیجا گیا
referral-state-acknowledged = وصولی کی تصدیق
referral-state-accepted = قبول
referral-state-declined = رد
referral-state-completed = مکمل
referral-state-withdrawn = واپس لیا گیا
share-field-names = نام
share-field-dates_of_birth = تاریخ ہائے پیدائش
share-field-phones = فون نمبر
share-field-document_numbers = دستاویزات کے نمبر
share-field-location = مقام
share-field-category = مدد کی قسم
share-field-message = ایک پیغام
reply-language-en = انگریزی
reply-language-prs = دری
reply-language-ps = پشتو
reply-language-ur = اردو
reply-template-progress = پیش رفت کی اطلاع
reply-template-documents_needed = دستاویزات کی درخواست
reply-template-referral_made = ریفرل کر دیا گیا
reply-template-case_closed = کیس بند ہو گیا
delivery-email_queued = ای میل بھیجنے کی قطار میں
delivery-to_deliver_by_phone = فون پر پہنچانا ہے
delivery-to_deliver_in_person = خود جا کر پہنچانا ہے
deadline-kind-first_response = پہلا جواب
deadline-kind-next_action = اگلا کام
review-status-pending = جائزے کا منتظر
review-status-same = وہی شخص
review-status-different = الگ الگ لوگ
pathway-start = (آغاز)
pathway-history = { $from } ← { $to }، { $by } کی جانب سے، { $when }
err-date-cannot-exist = یہ تاریخ موجود نہیں: دن اور مہینہ دیکھیں۔ اسے درست کریں، یا اگر دستاویزات پر یہی لکھا ہے تو فارم کے آخر میں خانے پر نشان لگائیں اور دوبارہ بھیجیں۔
err-date-future = یہ تاریخ آج کے بعد کی ہے۔ اسے درست کریں، یا اگر دستاویزات پر یہی لکھا ہے تو فارم کے آخر میں خانے پر نشان لگائیں اور دوبارہ بھیجیں۔
err-phone = یہ فون نمبر نہیں لگتا: اس میں 7 سے 15 ہندسے ہونے چاہییں۔ اسے درست کریں، یا جیسا لکھا ہے ویسا رکھیں۔
err-document = یہ دستاویز کا نمبر نہیں لگتا: حروف اور ہندسے، کم از کم چار ہندسے۔ اسے درست کریں، یا جیسا لکھا ہے ویسا رکھیں۔
desk-confirm-warning = یہ باتیں اس شخص کے ساتھ جانچیں۔ اگر جیسا لکھا ہے ویسا درست ہے تو محفوظ کرنا انہیں ویسا ہی رکھے گا اور دوبارہ جانچ کے لیے نشان لگا دے گا۔
notif-grouped = کیس اور قسم کے لحاظ سے گروہ بند، تازہ ترین پہلے۔ پوری قطار کو پڑھا ہوا نشان زد کرنے کے لیے اس پر نشان لگائیں۔
notif-latest = تازہ ترین
notif-tick-group = پوری قطار پر نشان لگائیں
notif-show-all = { $count ->
    [one] { $count } دکھائیں
   *[other] تمام { $count } دکھائیں
}
notif-kind-escalation = مہلت گزر گئی
notif-kind-mention = آپ کا ذکر ہوا
notif-kind-task_assigned = آپ کے لیے ایک کام
notif-kind-other = دیگر
case-owners-team = ذمہ دار کی ٹیم
case-needed-to-close = بند کرنے کے لیے ضروری
case-needed-to-close-reopen = بند کرنے یا دوبارہ کھولنے کے لیے ضروری
required = ضروری
cases-bulk-title = نشان لگے کیسز کے ساتھ
cases-bulk-intro = سب کے لیے ایک تبدیلی، یا کسی کے لیے نہیں: اگر ایک کیس انکار کرے تو کچھ نہیں بدلتا اور صفحہ بتاتا ہے کون سا اور کیوں۔
cases-bulk-assign = سونپیں
cases-bulk-status = صورتحال بدلیں
cases-bulk-apply = نشان لگے کیسز پر لاگو کریں
intake-asked-for = انہوں نے کیا مانگا
intake-people = لوگ (پہلے مرکزی شخص؛ فالتو قطاریں خالی چھوڑیں)
intake-household = گھرانے کا نام
intake-household-hint = اختیاری، مثلاً خاندانی نام جیسے درخواست گزار لکھتا ہے
intake-save = درخواست محفوظ کریں
sitrep-chart-flow = روزانہ آنے والی درخواستیں بمقابلہ بند کیسز، باقی کام کے ساتھ
sitrep-chart-per-day = فی دن
sitrep-chart-backlog-axis = باقی کام (کھلے کیسز)
sitrep-chart-inquiries = درخواستیں
sitrep-chart-new-cases = نئے کیسز
sitrep-chart-closures = بند کیسز
sitrep-chart-backlog-legend = باقی کام (دایاں محور)
sitrep-chart-day = دن (UTC)
sitrep-chart-age = کھلے کیسز کتنے عرصے سے انتظار میں ہیں
sitrep-chart-open-cases = کھلے کیسز
sitrep-chart-waiting-axis = کیس کھلنے کے بعد سے انتظار کا وقت
sitrep-chart-flow-desc = { $from } سے { $to } تک: { $inquiries } درخواستیں، { $new } نئے کیسز اور { $closures } بند کیسز؛ آخر میں { $backlog } باقی کام۔
rule-partner-cannot-own = { $name } شراکت دار صارف ہے اور کیس کا ذمہ دار نہیں ہو سکتا۔
rule-user-inactive = { $name } فعال نہیں: کسی فعال شخص کو چنیں۔
rule-priority-reason = ترجیح بدلنے کے لیے وجہ ضروری ہے۔
rule-team-without-lead = ٹیم { $team } کا کوئی سربراہ نہیں جو کیس کا ذمہ دار بنے: ایک ذمہ دار چنیں۔
rule-case-closed = کیس C-{ $n } بند ہے: پہلے اسے دوبارہ کھولیں، یا نیا کیس بنائیں۔
rule-nobody-to-move = منتقل کرنے کے لیے کم از کم ایک شخص پر نشان لگائیں۔
rule-move-within-case = لوگ کسی اور کیس میں منتقل ہوتے ہیں، اسی میں نہیں جس میں وہ ہیں (C-{ $n })۔
rule-in-bulk = کیس C-{ $n } نے انکار کیا، اس لیے کچھ نہیں بدلا: { $why }
rule-referral-reason = ریفرل کے لیے وجہ ضروری ہے: اسے «کیوں» کے خانے میں لکھیں۔
rule-no-field-shared = شراکت دار کے ساتھ شیئر کرنے کے لیے کم از کم ایک چیز پر نشان لگائیں۔
rule-no-person-chosen = ریفر کرنے کے لیے کم از کم ایک شخص پر نشان لگائیں۔
rule-evidence-content = ثبوت کے لیے حوالہ نمبر یا نوٹ ضروری ہے۔
## documents

documents-title = دستاویزات
documents-none = ابھی کوئی دستاویز نہیں۔
document-kind = قسم
document-type = فارمیٹ
document-size = سائز
document-added-at = شامل کی گئی
document-scan = میلویئر اسکین
document-view = دیکھیں
document-download = ڈاؤن لوڈ
document-file = فائل (JPEG، PNG، HEIC یا PDF؛ زیادہ سے زیادہ { $n } MB)
document-attach = دستاویز منسلک کریں
document-added = دستاویز منسلک ہو گئی۔
document-already-present = یہ فائل پہلے سے منسلک ہے: دوبارہ محفوظ نہیں کی گئی۔
document-refused = دستاویز منسلک نہیں ہوئی:
document-scan-clean = صاف
document-scan-infected = میلویئر ملا: قرنطینہ میں
document-scan-pending = ابھی اسکین نہیں ہوئی: روکی گئی
document-scan-none = اسکین نہیں ہوئی (کوئی اسکینر ترتیب نہیں دیا گیا)
document-kind-tazkira = تذکرہ
document-kind-passport = پاسپورٹ
document-kind-com-letter = چیف آف مشن کا خط (COM)
document-kind-employment-proof = ملازمت کا ثبوت
document-kind-i797 = I-797 نوٹس
document-kind-unhcr-slip = UNHCR رجسٹریشن پرچی
document-kind-photo = تصویر
document-kind-other = دیگر
## messages

msg-conversation = تحریری پیغامات
msg-replies-by-text = جن درخواست گزاروں نے ایس ایم ایس یا واٹس ایپ سے لکھا، انہیں اسی طریقے سے اور ان کی زبان میں جواب دیا جاتا ہے۔
# "from" / "to" before a phone number: rendered as "sender" / "recipient" to read naturally.
msg-from = بھیجنے والا
msg-to = وصول کنندہ
msg-state-received = موصول ہوا
msg-state-opted-out = مزید پیغامات نہیں چاہتے (STOP)
msg-state-opted-in = دوبارہ پیغامات چاہتے ہیں (START)
msg-state-status-query = حیثیت پوچھی
msg-state-blocked = نمبر بلاک ہے
msg-state-rate-limited = اس نمبر سے بہت زیادہ پیغامات
msg-state-queued = بھیجے جانے کا منتظر
msg-state-sent = بھیج دیا گیا
msg-state-delivered = پہنچ گیا
msg-state-failed = نہیں پہنچا
msg-state-withheld = نہیں بھیجا گیا: یہ نمبر پیغامات نہیں چاہتا یا بلاک ہے
upload-documents = { $count ->
    [one] ای میل کا { $count } منسلکہ اپنی درخواست کی دستاویز کے طور پر محفوظ ہوا۔
   *[other] ای میلز کے { $count } منسلکات اپنی درخواستوں کی دستاویزات کے طور پر محفوظ ہوئے۔
}
inq-attachments-refused = منسلکات جو قبول نہیں ہوئے
request-files = کاغذات کی تصاویر یا اسکین، اگر آپ کے پاس ہوں (تذکرہ، پاسپورٹ، خطوط): JPEG، PNG، HEIC یا PDF، ہر ایک { $mb } MB تک، زیادہ سے زیادہ { $n } فائلیں۔ تصویر کہاں لی گئی، یہ اس سے ہٹا دیا جاتا ہے۔
request-files-again = آپ نے جو کچھ اور لکھا وہ یہیں موجود ہے؛ براہ کرم فائلیں دوبارہ منتخب کریں۔
err-file-too-large = ایک فائل اوپر لکھی حد سے بڑی ہے۔
err-file-too-many = فائلیں بہت زیادہ ہیں: اوپر لکھی حد دیکھیں۔
err-file-type = صرف تصاویر (JPEG، PNG، HEIC) اور PDF فائلیں بھیجی جا سکتی ہیں۔
err-file-unreadable = ایک فائل پڑھی نہیں جا سکی: شاید خراب ہے۔ براہ کرم تصویر دوبارہ لیں۔
err-file-malware = ایک فائل قبول نہیں کی گئی کیونکہ وہ نقصان دہ ہو سکتی ہے۔
desk-files = اس شخص کے کاغذات، اسکین یا تصویر شدہ (اختیاری): JPEG، PNG، HEIC یا PDF، ہر ایک { $mb } MB تک، زیادہ سے زیادہ { $n } فائلیں۔
msg-number-blocked = بلاک
msg-number-opted-out = مزید پیغامات نہیں چاہتا (STOP)
msg-block = یہ نمبر بلاک کریں
msg-unblock = یہ نمبر ان بلاک کریں
msg-block-reason = وجہ
msg-block-refused = صرف ٹیم لیڈ یا منتظم کسی نمبر کو بلاک یا ان بلاک کر سکتا ہے۔
msg-block-no-message = یہ پیغام اس کیس کے پیغامات میں سے نہیں ہے۔
msg-block-reason-needed = لکھیں کہ یہ نمبر کیوں بلاک کیا جا رہا ہے۔
msg-done-blocked = نمبر بلاک ہو گیا: اس کے پیغامات کچھ نہیں کھولتے اور اسے کچھ نہیں بھیجا جاتا۔
msg-done-unblocked = نمبر اب بلاک نہیں ہے۔

# Documents shared with referrals, and evidence backed by a document.
refer-documents = شیئر کرنے کے لیے دستاویزات
ref-documents = شیئر کی گئی دستاویزات
ref-document-download = ڈاؤن لوڈ
refuse-document-invalid = چنی گئی دستاویزات میں سے ایک درست نہیں۔
rule-document-not-on-case = دستاویز { $doc } کیس C-{ $n }، اس کے لوگوں یا اس کی درخواستوں کی نہیں: اسے اس ریفرل کے ساتھ شیئر نہیں کیا جا سکتا۔
rule-document-held = دستاویز { $doc } کو میلویئر اسکینر نے ابھی صاف نہیں پایا، اس لیے اسے شیئر نہیں کیا جا سکتا۔
rule-evidence-document = دستاویز { $doc } اس شخص کی یا اس کے کسی کیس کی دستاویز نہیں۔
evidence-document = دستاویز
evidence-document-none = (کوئی نہیں)
evidence-document-link = دستاویز { $doc }
