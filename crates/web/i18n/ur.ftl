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
reply-read-all = تمام جوابات انگریزی، دری اور پشتو میں پڑھیں
reply-which = جواب
reply-answered-in = { $name } کو جواب دیا جاتا ہے
reply-set = مقرر کریں
reply-replies = جوابات
reply-none = ابھی کوئی جواب نہیں۔
reply-to = کس کو
reply-delivery = ترسیل
reply-by = بھیجنے والا

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
