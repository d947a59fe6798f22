# Corridor په پښتو (Pashto). Plain words, for readers on a phone.
# Every message of en.ftl must be here; a test fails otherwise.
# Terms: case = قضیه (as in the reply texts: د قضیې مسؤل), reference number = د مراجعې شمېره.

## Every page

corridor = Corridor
language = ژبه
skip-to-content = منځپانګې ته ورشئ
actions = کړنې
home = لومړۍ پاڼه

## The public request form

request-title = د مرستې غوښتنه
request-intro = موږ ته ووایاست چې چا ته مرسته پکار ده. حساب ته اړتیا نشته. تاسو به د مراجعې شمېره او یو پټ کوډ ترلاسه کړئ، چې وروسته د غوښتنې حالت پرې وګورئ.
request-who-needs-help = چا ته مرسته پکار ده
request-principal = اصلي کس
request-person-n = کس { $n }
request-family-intro = د کورنۍ هغه غړي ور زیات کړئ چې ورسره دي: مېرمن یا مېړه، ماشومان، مور او پلار.
request-add-more = نور کسان ور زیات کړئ
request-more-note = لاندې د نورو کسانو لپاره ځای شته.
field-given-name = نوم
field-family-name = تخلص
field-father-name = د پلار نوم
field-date-of-birth = د زېږېدو نېټه یا کال
field-date-of-birth-hint = د بېلګې په توګه ۱۳۶۹، ۱۹۹۰ یا 1990-02-28
field-sex = جنسیت
sex-female = ښځه
sex-male = نارینه
sex-other = بل
field-relationship = له اصلي کس سره اړیکه
relationship-spouse = مېرمن یا مېړه
relationship-child = زوی یا لور
relationship-parent = مور یا پلار
relationship-sibling = ورور یا خور
relationship-other = بل خپلوان
field-tazkira = د تذکرې شمېره
field-passport = د پاسپورټ شمېره
field-phone = د تلیفون یا واټس‌اپ شمېره
field-location = اوس چېرته دي
field-category = کومه مرسته پکار ده
field-needs = په څو کلمو کې
request-you = تاسو
request-for-self = زه د ځان یا خپلې کورنۍ لپاره غوښتنه کوم
request-for-other = زه د بل چا لپاره غوښتنه کوم
field-your-name = ستاسو نوم
field-your-email = ستاسو برېښنالیک (د مراجعې شمېرې د ترلاسه کولو لپاره)
field-your-phone = ستاسو تلیفون
request-send = غوښتنه ولېږئ
request-check-link = هغه غوښتنه وګورئ چې مخکې مو لېږلې ده
request-keep-as-written = څنګه چې ما لیکلي سم دي؛ همداسې یې ولېږئ.

## Messages beside the fields

form-problems = مهرباني وکړئ دا وګورئ او بیا یې ولېږئ:
form-expired = د دې فورمې وخت پای ته ورسېد. هغه څه چې تاسو لیکلي وو لا هم دلته دي؛ مهرباني وکړئ بیا یې ولېږئ.
err-name-needed = لږ تر لږه د یو داسې کس نوم ولیکئ چې مرستې ته اړتیا لري.
err-your-name = خپل نوم ولیکئ.
err-email = دا برېښنالیک سم نه ښکاري. سم یې کړئ یا یې خالي پرېږدئ.
err-date-of-birth = دا نېټه نه شو لوستلی. کال ولیکئ (۱۳۶۹ یا ۱۹۹۰)، یا نېټه لکه 1990-02-28، یا عمر لکه ۳۴ کاله.
err-date-confirm = که څنګه چې لیکل شوې سمه وي، د فورمې په پای کې خانه نښه کړئ او بیا یې ولېږئ.
err-sex = له لېست څخه یو وټاکئ.
err-required = دا ځای ډک کړئ.
err-too-long = یو څه ډېر اوږد دی. مهرباني وکړئ خپل لیکلي لنډ کړئ.
err-no-person-on-row = د دې کس نوم ولیکئ، یا د دې برخې نور ځایونه خالي کړئ.

## After sending

request-done-title = غوښتنه ترلاسه شوه
request-done-again = دا غوښتنه موږ مخکې ترلاسه کړې ده
request-done-intro = دا ولیکئ یا د دې پاڼې عکس واخلئ. د غوښتنې د حالت کتلو لپاره دواړو ته اړتیا لرئ.
reference-number = د مراجعې شمېره
secret-code = پټ کوډ
request-done-email = د مراجعې شمېره به ستاسو برېښنالیک ته هم ولېږو.
request-done-private = پټ کوډ له چا سره مه شریکوئ؛ هر څوک چې دا ولري د دې غوښتنې حالت لیدلی شي.
request-done-people = په دې غوښتنه کې د کسانو شمېر: { $count }
check-status = حالت وګورئ

## The status page

status-title = د غوښتنې حالت وګورئ
status-label = حالت:
status-not-found = د دې مراجعې شمېرې او پټ کوډ سره مو هېڅ غوښتنه ونه موندله. دواړه وګورئ او بیا هڅه وکړئ.
status-check = وګورئ
status-explained = حالت له دې څخه یو دی: ترلاسه شوې، تر کتنې لاندې، همکار سازمان ته لېږل شوې، بنده شوې.
public-status-received = ترلاسه شوې
public-status-under_review = تر کتنې لاندې
public-status-referred = همکار سازمان ته لېږل شوې
public-status-closed = بنده شوې

## Messages for the public

wait-title = مهرباني وکړئ انتظار وکړئ
wait-message = ستاسو له اتصال څخه ډېرې غوښتنې راغلې. مهرباني وکړئ لس دقیقې انتظار وکړئ او بیا هڅه وکړئ.

## Kinds of help

# unsure: evacuation; «خوندي ځای ته لېږد» is plainer than «ایستنه».
category-evacuation = خوندي ځای ته لېږد
category-border_crossing = له پولې اوښتل
category-visa = ویزه
# unsure: refugee referral (P-1/P-2).
category-refugee_referral = د کډوال په توګه معرفي کول
category-medical = روغتیایي مرسته
category-protection = ساتنه
category-other = بل

## Sign in

login-title = ننوتل
login-username = کارن نوم
login-password = پټنوم
login-submit = ننوتل
login-failed = دا کارن نوم او پټنوم له کوم فعال حساب سره سمون نه خوري، یا حساب د ډېرو هڅو وروسته د یو څه وخت لپاره بند شوی دی. وې ګورئ، یا لږ انتظار وکړئ او بیا هڅه وکړئ.

code-title = دویم عامل
code-enroll-title = خپل دویم عامل جوړ کړئ
code-enter-title = خپل کوډ ولیکئ
code-enroll-why = Corridor د خطر سره مخ کسانو ریکارډونه ساتي، نو هر ننوتل د پټنوم سربېره ستاسو په تلیفون کې د تصدیق له اپلیکیشن څخه یو کوډ غواړي. دا حساب اپلیکیشن ته ور زیات کړئ (FreeOTP، Aegis، Google Authenticator یا هر TOTP اپلیکیشن)، بیا هغه شپږ عددي کوډ ولیکئ چې ښيي یې.
code-enroll-scan = کوډ سکن کړئ، یا پټه کلي ولیکئ (یا لاندې لینک ولګوئ):
code-enter = هغه شپږ عددي کوډ ولیکئ چې ستاسو د تصدیق اپلیکیشن یې د Corridor لپاره ښيي.
code-label = کوډ
code-continue = دوام
code-failed = دا کوډ سم نه دی، یا مخکې کارول شوی. د بل کوډ انتظار وکړئ او بیا هڅه وکړئ. له ډېرو هڅو وروسته حساب د یو څه وخت لپاره بندېږي.

## Error pages

error-request-id = د دې غوښتنې پېژند:
error-quote-id = (کله چې د ستونزې راپور ورکوئ، دا ووایاست)
error-not-allowed = اجازه نشته
error-not-found = ونه موندل شو
error-cannot = دا کار نه شي کېدای
error-conflict = ټکر
error-too-many = ډېرې هڅې
error-internal = یوه ستونزه پېښه شوه
error-internal-message = غوښتنه بشپړه نه شوه. هېڅ شی نیمګړی نه دی ساتل شوی؛ مهرباني وکړئ بیا هڅه وکړئ.

## The staff menu

nav-menu = مېنو
nav-dashboard = لنډیز
nav-cases = قضیې
nav-mine = زما قضیې
nav-unowned = مسؤل ته اړتیا لري
nav-overdue = وخت یې تېر شوی
nav-tasks = زما دندې
nav-reviews = احتمالي ورته والی
# unsure: referral = ارجاع.
nav-referrals = ارجاع ګانې
nav-bulk = ډله ییز ارجاع یا ځواب
nav-partner = موږ ته ارجاع ګانې
nav-inquiries = غوښتنې
# unsure: triage.
nav-triage = لومړنۍ ډلبندي
nav-intake = نوی ثبت
nav-desk = د حضوري مراجعې مېز
nav-upload = لېست راوړل
nav-export = صادرول
# unsure: audit trail.
nav-audit = د بدلونونو تاریخچه
nav-users = کاروونکي
nav-notifications = خبرتیاوې
nav-sign-out = وتل
nav-find = لټون
nav-find-label = هر څوک ولټوئ
nav-find-placeholder = نوم، تلیفون، تذکره، CR-… یا C-…

## The walk-in desk

desk-title = د حضوري مراجعې مېز
desk-born = زېږېدنه
desk-email = برېښنالیک
desk-need = اړتیا
desk-family = د کورنۍ هغه غړي چې ورسره دي (هر یو په یوه کرښه: نوم، اړیکه، د زېږېدو کال)
desk-notes = یادښتونه
desk-requester-language = د رسید او ځوابونو ژبه
desk-review = له ساتلو مخکې کتنه
desk-check = وګورئ چې مخکې پېژندل شوی که نه
# unsure: "قضیه" for case, as nav-cases
desk-not-chosen = هغه قضیه نور د هیچا پرانیستې قضیه نه ده چې دا غوښتنه یې په اړه وي. هیڅ شی ونه ساتل شو: بیا یې وګورئ او له لېست څخه یې وټاکئ.
known-attach = دا غوښتنه د C-{ $n } قضیې ته ورزیاته کړئ
desk-confirm-title = له ساتلو مخکې وګورئ
desk-confirm-intro = دا هغه څه دي چې ساتل کېږي. کس ته یې ولولئ.
desk-confirm-save = وساتئ او رسید چاپ کړئ
desk-change = بدلول
desk-family-none = د کورنۍ هېڅ غړی نه دی ورکړل شوی.
desk-enter-note = Enter بل ځای ته ځي؛ یوازې د ساتلو تڼۍ ساتنه کوي.

## The desk receipt

receipt-title = رسید
receipt-received = ستاسو غوښتنه په { $when } ترلاسه شوه.
receipt-quote = هر کله چې د دې غوښتنې په اړه پوښتنه کوئ، د مراجعې شمېره ووایاست.
receipt-status-at = د پټ کوډ سره کولی شئ د هغې حالت په دې پته وګورئ:
receipt-qr = د حالت پاڼې د پرانیستلو لپاره دا سکن کړئ
receipt-next = بل کس (لومړی دا پاڼه چاپ کړئ: Ctrl+P)
receipt-print = چاپ

## Refused actions on the case page

refused-title = دا کار ونه شو:
refused-not-allowed = قضیه له { $from } څخه { $to } ته نه شي تللی.
refused-reason-required = قضیه { $to } ته وړل دلیل غواړي: په دلیل خانه کې یې ولیکئ.
refused-outcome-required = د قضیې تړل پایله غواړي: د پایلې له لېست څخه یوه وټاکئ.
refused-outcome-only-closing = پایله یوازې د قضیې د تړلو پر مهال وټاکئ.

## Notifications

notif-unread = { $count } نالوستې
notif-mark-ticked = نښه شوې لوستل شوې وګڼئ
notif-mark-all = ټولې لوستل شوې وګڼئ
notif-tick = نښه کړئ
notif-when = وخت
notif-what = څه
notif-case = قضیه
notif-none = لا څه نشته.

## The staff intake form

intake-keep-as-written = نېټې څنګه چې لیکل شوې سمې دي؛ همداسې یې وساتئ (ساتل کېږي او نښه کېږي).

## Case lists

cases-matching = { $count } وموندل شوې
cases-none = هېڅ قضیه له دې فلټرونو سره سمون نه خوري.
filter-any = هر یو
filter-anyone = هر څوک
filter-open = یوازې پرانیستې
filter-needs-owner = مسؤل ته اړتیا
filter-overdue = وخت یې تېر شوی
filter-urgent-first = تر ټولو بیړنۍ لومړی
filter-submit = فلټر
col-select = ټاکل
col-case = قضیه
col-about = د چا په اړه
col-category = د مرستې ډول
col-status = حالت
col-priority = لومړیتوب
col-owner = مسؤل
col-team = ټیم
col-people = کسان
col-inquiries = غوښتنې
col-waiting = انتظار
col-due = وروستۍ نېټه
col-pathway = لاره
col-step = پړاو
case-status-new = نوې
case-status-triaged = ډلبندي شوې
case-status-in_progress = په جریان کې
case-status-waiting_applicant = د غوښتونکي په تمه
case-status-waiting_partner = د همکار په تمه
case-status-resolved = حل شوې
case-status-closed = بنده
case-status-reopened = بیا پرانیستل شوې
priority-critical = ډېره بیړنۍ
priority-high = بیړنۍ
priority-normal = عادي
priority-low = ټیټه

## The case page

case-outcome = پایله
case-first-response = لومړی ځواب
case-next-action = بل کار
case-household = کورنۍ
case-assign = سپارل
case-change-status = حالت بدلول
case-new-status = نوی حالت
case-override-priority = لومړیتوب بدلول
case-set-priority = لومړیتوب ټاکل
case-reason = دلیل
case-notes = یادښتونه
case-add-note = یادښت ور زیات کړئ
case-tasks = دندې
case-pathways = لارې
case-who-asked = چا وپوښتل
case-history = تاریخچه

## Tasks, pathways, people and history

task-task = دنده
task-assignee = د دندې مسؤل
task-done = شوې
task-reopen = بیا یې پرانیزئ
task-mark-done = وشوه
task-none = هېڅ دنده نشته.
task-nobody = لا هېڅوک نه
task-add = دنده ور زیات کړئ
tasks-intro = هغه دندې چې په قضیو کې تاسو ته سپارل شوې، لومړی پرانیستې دندې د وروستۍ نېټې په ترتیب.
tasks-hide-done = شوې دندې پټې کړئ
tasks-show-done = شوې دندې هم وښایاست
tasks-none-for-you = ستاسو لپاره هېڅ دنده نشته.
pathway-person = کس
pathway-evidence = ثبوت
pathway-none = د دې کسانو لپاره هېڅ لاره نه ده ثبت شوې.
pathway-put = یو کس په یوه لاره کې ور اچول
pathway-add = لاره ور زیات کړئ
people-documents = اسناد
people-where = چېرته
people-relationship = اړیکه
people-needs = اړتیاوې
people-from = له
people-inquiry = غوښتنه
people-none = لا هېڅ کس نه دی ثبت شوی.
inq-received = ترلاسه شوې
inq-channel = لاره
inq-requester = غوښتونکی
inq-subject = موضوع
hist-who = چا
hist-detail = جزئیات
case-note = یادښت
case-note-hint = @کارن‌نوم یو همکار خبروي
case-note-contact = موږ له غوښتونکي یا متقاضي سره اړیکه درلوده (لومړی ځواب ګڼل کېږي)

## Inquiries

inq-waiting-triage = د ډلبندۍ په تمه
inq-triage-title = ټاکل شوې غوښتنې ډلبندي کړئ
inq-triage-intro = هره ټاکل شوې غوښتنه د خپل د مرستې ډول سره یوه جلا قضیه اخلي، په یوه ګام کې: ټولې یا هېڅ.
inq-team-default = د هرې غوښتنې د مرستې ډول ټیم
inq-owner-default = د ټیم مشر
inq-triage-submit = د هرې یوې لپاره قضیه جوړه کړئ
inq-none = هېڅ غوښتنه له دې فلټرونو سره سمون نه خوري.
next-page = بله پاڼه ←

## Forms that act once

sent-once = دا فورمه دوه ځله ولېږل شوه؛ دویم ځل هېڅ ونه کړل، نو هېڅ شی دوه ځله ونه لېږل شو.

## Deadlines and ages

deadline-met = په { $when } وشو
deadline-overdue = له { $when } راهیسې وخت تېر دی
deadline-due = تر { $when } پورې
deadline-not-set = نه دی ټاکل شوی
deadline-none-closed = هېڅ: قضیه پرانیستې نه ده
due-first-response = لومړی ځواب { $when }
due-next-action = بل کار { $when }
age-days = { $n } ورځې
age-hours = { $n } ساعته
age-minutes = { $n } دقیقې
case-last-change = وروستی بدلون { $when }

## Referrals and replies on the case page

refer-title = یو همکار ته ارجاع
refer-org = سازمان
refer-share-only = یوازې دا شریک کړئ
refer-message = پیغام
refer-why = ولې (اړین دی)
refer-respond-by = تر دې نېټې ځواب
refer-submit = ارجاع
reply-title = ټولو غوښتونکو ته ځواب
reply-intro = هر غوښتونکي ته په خپله ژبه او له هماغې لارې ځواب ورکول کېږي چې راغلی: برېښنالیک لېږل کېږي؛ د تلیفون زنګ یا حضوري مراجعه د رسولو لپاره ثبتېږي.
reply-read-all = ټول ځوابونه په انګلیسي، دري، پښتو او اردو ولولئ
reply-which = ځواب
reply-answered-in = { $name } ته ځواب ورکول کېږي په
reply-set = ټاکل
reply-replies = ځوابونه
reply-none = لا هېڅ ځواب نشته.
reply-to = چا ته
reply-delivery = رسول
reply-by = له خوا

## staff pages

yes = هو
no = نه
none = هېڅ.
optional = اختیاري
code-from-app = ستاسو د پېژندنې اپلیکېشن کوډ
audit-intro = هر بدلون، د یو کس یا قضیې د ریکارډ هر کتل، هر ننوتل؛ تر ټولو نوی لومړی. د دې لپاره چې وګورئ چا یې بیا نه دی لیکلی:
audit-action = کار
audit-object = شی
audit-id = شمېره
audit-from = له
audit-until = تر
audit-when-utc = کله (UTC)
audit-address = پته
audit-none = هېڅ پېښه ونه موندل شوه.
audit-older = زړې پېښې
bulk-title = څو قضیې یو ځای ارجاع کړئ یا ځواب ورکړئ
bulk-intro = د قضیو شمېرې ولیکئ (C-12، 13 …)، په کامې یا تش ځای سره جلا. هر کار د ټولو قضیو لپاره کېږي، یا د هېڅ یوې لپاره نه.
bulk-refer-all = ټولې قضیې ارجاع کړئ
bulk-reply-all = ټولو قضیو ته ځواب ورکړئ
# unsure: «جلا کول یا یو ځای کول» for split or join.
split-title = جلا کول یا یو ځای کول
split-intro = د دې قضیې هغو کسانو لپاره چې بله کورنۍ ده، یا هغه کورنۍ چې په دوو قضیو کې ده: هغه کسان نښه کړئ چې لېږدول کېږي. د دوی په اړه غوښتنې هم ورسره ځي، دلیل په دواړو قضیو کې د یادښت په توګه پاتې کېږي، او د همدې کسانو بېرته لېږدول دا کار لغوه کوي.
split-people = هغه کسان چې لېږدول کېږي
split-into = قضیې ته
split-into-hint = C-123؛ د نوې قضیې لپاره خالي
split-move = ولېږدوئ
export-title = د قضیو صادرول
export-intro = د سازمان د قضیو یو CSV فایل د هرې قضیې د اصلي کس له نوم سره. په دې کې شخصي معلومات دي: په یوه کوډ شوې وسیله کې یې وساتئ، یوازې له هغو سره یې شریک کړئ چې اړتیا ورته لري، او د کار وروسته یې پاک کړئ. هر صادرول د بدلونونو په تاریخچه کې ثبتېږي، او د فایل لومړۍ کرښه وایي چې چا او کله جوړ کړ.
export-download = CSV ښکته کړئ
orgs-title = همکار سازمانونه
orgs-intro = قضیې دې سازمانونو ته ارجاع کېږي. د دوی کاروونکي یوازې خپل سازمان ته ارجاع ګانې ویني. د همکار لپاره د کاروونکي جوړول:
orgs-kind = ډول
orgs-contact = اړیکه
orgs-add = یو سازمان اضافه کړئ
orgs-name = نوم
orgs-email = د اړیکې برېښنالیک
orgs-add-button = اضافه کړئ
partner-intro = یوازې هغه څه ښودل کېږي چې لېږونکي د شریکولو لپاره غوره کړي. کله چې ارجاع ترلاسه کړئ رسید یې تایید کړئ، بیا یې ومنئ یا رد یې کړئ (له دلیل سره)، او په پایله یې بشپړ کړئ.
partner-none = ستاسو سازمان ته هېڅ ارجاع نشته.
ref-referral = ارجاع
ref-state = حالت
ref-sent = ولېږل شو
ref-why = ولې
ref-shared = شریک شوي
ref-declined-because = رد شو ځکه
ref-result = پایله
ref-answer = ځواب
ref-all = ټولې ارجاع ګانې
ref-withdraw-or-record = بېرته اخیستل، یا د همکار ځواب ثبتول
ref-on-behalf = هغه ځواب چې دلته ثبت شي، ستاسو په نوم د { $org } په استازیتوب نښه کېږي.
ref-export = لاسلیک شوی فایل واخلئ
ref-export-why = د هغه همکار لپاره چې په Corridor کې نه دی (دا صادرول ثبتېږي).
ref-noted = ولیدل شو: د ارجاع رد کېدل ولیدل شول
ref-reason-required = دلیل (اړین)
ref-result-required = پایله (اړینه)
ref-overdue-only = یوازې ځنډېدلې
ref-none = هېڅ ارجاع ونه موندل شوه.
ref-declined = ارجاع رد شوه
replies-title = غوښتونکو ته ځوابونه
replies-intro = هر ځواب په هره ژبه کې څه وایي. د مراجعې شمېره د غوښتونکي خپله ده؛ د دوی په اړه بل څه په ځواب کې نشته.
review-title = کتنه
review-same-q = ایا دا همغه کس دی؟
review-probability = احتمال
review-field = برخه
review-new-record = نوی ریکارډ
review-known-person = پېژندل شوی کس
review-agreement = سمون
review-weight = وزن
# unsure: technical; log2 odds kept as written.
review-total = لومړنی احتمال او ټولټال (log2 odds؛ له 0 پورته یعنې ډېر امکان چې همغه کس دی)
review-held-back = پرتله کوونکی سیستم ودرېد:
review-same = همغه کس: یو ځای یې کړئ
review-different = جلا کسان
reviews-to-review = { $count } د کتنې لپاره
reviews-intro = هر قطار د یوې نوې غوښتنې یو کس دی چې ښايي مخکې پېژندل شوی وي. خلاص یې کړئ څو دواړه څنګ په څنګ وګورئ.
reviews-may-be = ښايي وي
reviews-none = د کتنې لپاره هېڅ نشته.
person-records = { $count ->
    [one] { $count } ریکارډ
   *[other] { $count } ریکارډونه
}
person-detached = دا ریکارډ جلا شو: اوس یو جلا کس دی:
person-merged-into = دا کس یو ځای شو له
person-known = څه معلوم دي، او له کومه راغلي
person-value = ارزښت
person-from-inquiry = له غوښتنې
person-records-title = ټول ریکارډونه، لکه څنګه چې هر غوښتونکي لیکلي
person-check = وګورئ:
person-detach = دا ریکارډ جلا کړئ
person-detach-why = ولې (اختیاري)
person-detach-title = دا ریکارډ د بل کس دی: یو جلا کس ترې جوړ کړئ
person-merges = یو ځای کېدنې
person-merge = یو ځای کېدل
person-undone = لغوه شو
person-undo-merge = یو ځای کېدل لغوه کړئ
person-no-merges = هېڅ یو ځای کېدل نشته.
pathway-note-back = یادښت (د بېرته تګ لپاره اړین)
pathway-add-evidence = ثبوت اضافه کړئ
pathway-first-step = د لارې لومړی پړاو
search-label = نوم، تلیفون، تذکره، پاسپورټ، برېښنالیک، د مراجعې شمېره یا د قضیې شمېره
search-hint = یو نوم د هغه ټول املاګانې پیدا کوي، په دواړو لیکدودونو؛ د لږو پایلو لپاره د پلار نوم («ولد …»)، د زوکړې کال یا ولایت ورزیات کړئ.
search-none = هېڅوک او هېڅ شی ونه موندل شو.
search-none-name = د دې نوم په هېڅ املا هېڅوک او هېڅ شی ونه موندل شو.
search-latest = وروستۍ غوښتنه
search-not-yours = ستاسو په قضیو کې نه ده
search-ask-team = ستاسو په قضیو کې نه ده: له هغې ټیم څخه یې وپوښتئ
search-requests = غوښتنې
search-requesters = غوښتونکي
upload-intro = جدولونه (CSV، XLSX)، برېښنالیکونه (.eml) او د برېښنالیک صندوقونه (.mbox). هر قطار چې د یو کس نوم لري یوه غوښتنه کېږي؛ هغه برخه چې ونه لوستل شي (نېټه، د برېښنالیک پته) لکه څنګه چې لیکل شوې ساتل کېږي، نښه کېږي او ستاسو د کتنې لپاره لېست کېږي. هغه قطارونه چې هېڅ ونه لوستل شي یا د هېچا نوم ونه لري له قطار، ستون او دلیل سره لېست کېږي. د همدې قطارونو بیا راوړل هېڅ نه زیاتوي.
upload-files = فایلونه
upload-who = چا لېږلی
upload-source = د لېست نوم
upload-import = راوړئ
upload-rows = { $count ->
    [one] { $count } قطار
   *[other] { $count } قطارونه
}
upload-stored = { $count } خوندي شول
upload-refused = { $count } رد شول
upload-already = { $count } مخکې موجود وو
upload-warned = { $count ->
    [one] { $count } خوندي شوی قطار د کتنې لپاره یوه برخه لري.
   *[other] { $count } خوندي شوي قطارونه د کتنې لپاره یوه برخه لري.
}
upload-file = فایل
upload-row = قطار
upload-column = ستون
upload-to-check = خوندي شول، د کتنې لپاره
upload-to-check-intro = دا قطارونه د کسانو نومونه لري او خوندي شول؛ یاده شوې برخه د کس په پاڼه کې نښه شوې (یا که د ثبت لپاره ډېره اوږده وه، د کس له جزئیاتو بهر پاتې شوې؛ قطار لکه څنګه چې راغلی ساتل شوی). هلته یې سم کړئ.
upload-what = څه وګورئ
users-intro = د رول بدلول یا د دویم عامل بیا جوړول کاروونکی له هر ځای څخه باسي، او ستاسو د پېژندنې اپلیکېشن یو تازه کوډ غواړي. نوي کاروونکي او پټنومونه:
users-user = کاروونکی
users-role = رول
users-active = فعال
users-change-role = رول بدل کړئ
users-change = بدل کړئ
users-reset = بیا جوړ کړئ
inq-inquiry = غوښتنه
inq-same-people = د همدې کسانو یا کورنۍ خلاصې قضیې
inq-attach-to = له C-{ $n } سره یې وتړئ
inq-create-case = قضیه جوړه کړئ
inq-team-for = د { $category } ټیم
inq-attach-other = له بلې خلاصې قضیې سره تړل
inq-case-number = د قضیې شمېره
inq-attach = وتړئ
inq-as-received = لکه څنګه چې راغلې، بې له بدلون
known-not-yet = لا نه دی پېژندل شوی: په ریکارډونو کې هېڅوک له دې نوم، تلیفون یا سند سره سمون نه لري. خوندي کول یوه نوې غوښتنه پرانیزي.
known-title = مخکې پېژندل شوی؟
known-intro = ښايي دا هغه څوک وي چې مخکې په ریکارډونو کې دی. ورته ووایاست چې په کومه قضیه کې دی؛ خوندي کول غوښتنه پېژندل شوي کس ته اضافه کوي که پرتله کوونکی سیستم ډاډه وي، که نه د کتنې لپاره پاتې کېږي.
known-triage-intro = د دې غوښتنې کسان ښايي هغه کسان وي چې مخکې په ریکارډونو کې دي. که د دوی په اړه وي، د بلې قضیې د جوړولو پر ځای یې د دوی له خلاصې قضیې سره وتړئ.
known-score = نمره
known-case-owner = خلاصه قضیه او مسؤل
known-cases-owners = قضیې او مسؤلین
known-ask-owner = ستاسو په قضیو کې نه ده: له مسؤل یې وپوښتئ
sitrep-title = د حالت راپور
sitrep-period = موده
sitrep-utc-days = د UTC ورځې
sitrep-as-of = خلاصې قضیې او ځایونه تر
sitrep-made = جوړ شو
sitrep-external-note = د کاري ډلې نه بهر د شریکولو لپاره: له { $n } لږ شمېرې د «<{ $n }» په بڼه ښودل کېږي.
sitrep-internal-note = دننه: دقیقې شمېرې. د کاري ډلې نه بهر د شریکولو لپاره بهرنۍ نسخه وکاروئ.
sitrep-show = راپور وښایاست
sitrep-printable = د چاپ لپاره راپور
sitrep-csv-outside = CSV د بهر لپاره
sitrep-page-outside = پاڼه د بهر لپاره
sitrep-flow = راغلې غوښتنې، تړل شوې او پاتې کارونه
sitrep-waiting = د خلاصو قضیو د انتظار وخت
sitrep-referral-chart = هغه ارجاع ګانې چې ځواب ته منتظرې دي، د همکار او مودې له مخې
sitrep-headline = په یوه کتنه
sitrep-channels = غوښتنې د رارسېدو د لارې له مخې
sitrep-requesters = غوښتنې د غوښتونکي له مخې
sitrep-status = خلاصې قضیې د حالت له مخې
sitrep-category = خلاصې قضیې د مرستې د ډول له مخې
sitrep-priority = خلاصې قضیې د لومړیتوب له مخې
sitrep-team = خلاصې قضیې د ټیم له مخې
sitrep-age = خلاصې قضیې څومره انتظار شوې
sitrep-age-note = د قضیې له خلاصېدو راهیسې موده، د مودې په پای کې.
sitrep-location = د خلاصو قضیو کسان د هغه ځای له مخې چې دي
sitrep-location-note = هغه ځای چې د هر کس وروستی ریکارډ یې وایي.
sitrep-outcome = په دې موده کې تړل شوې قضیې، د پایلې له مخې
sitrep-overdue = هغه خلاصې قضیې چې له مهلت تېرې شوې، د ټیم له مخې
sitrep-overdue-note = د مودې په پای کې ځنډېدلي لومړني ځوابونه او راتلونکي کارونه؛ هغه قضیه چې له دواړو اړخونو ځنډېدلې ده د ټیم په ټولټال کې یو ځل شمېرل کېږي.
sitrep-pathways = کسان د لارې او پړاو له مخې
sitrep-pathways-note = د هر کس لارې اوس چېرته دي.
sitrep-referrals = هغه ارجاع ګانې چې د همکار ځواب ته منتظرې دي، د همکار له مخې
sitrep-referrals-note = لېږل شوې یا رسید یې تایید شوی، لا نه منل شوې یا رد شوې، د مودې په پای کې.
sitrep-referral_age = ارجاع ګانې څومره ځواب ته منتظرې دي
sitrep-referral_age-note = د ارجاع له لېږلو راهیسې موده، د مودې په پای کې.
sitrep-declined = په دې موده کې رد شوې ارجاع ګانې، د همکار له مخې
sitrep-line-inquiries = رارسېدلې غوښتنې
sitrep-line-people = جلا کسان چې دوی پورې اړه لري
sitrep-line-households = کورنۍ (یو یوازې کس یوه کورنۍ شمېرل کېږي)
sitrep-line-new_people = په دې موده کې نوي کسان
sitrep-line-known_people = هغه کسان چې مخکې پېژندل شوي وو
sitrep-line-new_cases = نوې قضیې
sitrep-line-open_cases = خلاصې قضیې
sitrep-line-unowned = خلاصې قضیې چې مسؤل ته اړتیا لري
sitrep-line-overdue = هغه خلاصې قضیې چې له مهلت تېرې شوې
sitrep-line-referrals_outstanding = هغه ارجاع ګانې چې د همکار ځواب ته منتظرې دي
sitrep-line-at_border = په پولې تېرېدنځایونو کې کسان
sitrep-line-closed = تړل شوې یا حل شوې قضیې
sitrep-age-lt1 = له ۱ ورځې لږ
sitrep-age-1to3 = ۱ تر ۳ ورځې
sitrep-age-3to7 = ۳ تر ۷ ورځې
sitrep-age-7to14 = ۷ تر ۱۴ ورځې
sitrep-age-14to30 = ۱۴ تر ۳۰ ورځې
sitrep-age-gt30 = له ۳۰ ورځو زیات
sitrep-no-outcome = حل شوې (پایله نه ده ثبت شوې)
sitrep-not-recorded = نه دی ثبت شوی
sitrep-all-partners = ټول همکاران
sitrep-team-cases = { $team }: ځنډېدلې قضیې
sitrep-team-first_response = { $team }: ځنډېدلی لومړنی ځواب
sitrep-team-next_action = { $team }: ځنډېدلی راتلونکی کار
cases-mine-intro = ستاسو خلاصې قضیې، تر ټولو بیړنۍ لومړی.
cases-unowned-intro = هغه خلاصې قضیې چې مسؤل یې نور فعال نه دی. یوه خلاصه کړئ او هغه چا ته یې ورکړئ چې فعال دی.
cases-team-intro = د ټیم خلاصې قضیې، تر ټولو بیړنۍ لومړی.
cases-team-no-lead-intro = د ټیم خلاصې قضیې. دا ټیم مشر نه لري: د دې نوې غوښتنې په لومړنۍ ډلبندۍ کې انتظار کوي.

# Refusals, in plain words

refuse-role-cases = ستاسو رول قضیو ته لاسرسی نه ورکوي.
refuse-role-change = ستاسو رول قضیې نشي بدلولی.
refuse-role-intake = ستاسو رول د غوښتنو ثبت ته لاسرسی نه ورکوي.
refuse-role-referrals = ستاسو رول قضیو یا ارجاع ګانو ته لاسرسی نه ورکوي.
refuse-role-refer = ستاسو رول نشي کولی قضیې ارجاع کړي یا غوښتونکو ته ځواب ورکړي.
refuse-role-orgs = یوازې مدیران او مشران همکار سازمانونه اضافه کوي.
refuse-role-search = ستاسو رول نشي کولی کسان او قضیې ولټوي.
refuse-role-audit = یوازې څارونکي او مدیران د بدلونونو تاریخچه لولي.
refuse-role-export = یوازې د کاري ډلې مشران کولی شي د کسانو لېستونه صادر کړي.
refuse-role-triage = ستاسو رول نشي کولی غوښتنې ډلبندي کړي.
refuse-role-people = ستاسو رول د کسانو ریکارډونو ته لاسرسی نه ورکوي.
refuse-role-reviews = یوازې د کاري ډلې مشران احتمالي ورته والی او یو ځای کول ګوري.
refuse-role-admin = یوازې مدیران کاروونکي اداره کوي.
refuse-role-sitrep = د حالت راپور د مشرانو او مدیرانو لپاره دی.
refuse-form-expired = د دې فورمې وخت تېر شوی. بېرته لاړ شئ، پاڼه بیا پرانیزئ او بیا هڅه وکړئ.
refuse-partner-view = دا برخه د همکارو سازمانونو د حسابونو لپاره ده.
refuse-partner-only = د همکار حسابونه یوازې خپل سازمان ته ارجاع ګانې په /partner کې ویني.
refuse-no-org = دا حساب سازمان نه لري.
refuse-owner-needed = هره قضیه باید تل مسؤل ولري: یو یې وټاکئ.
refuse-choose-pathway = هغه لاره وټاکئ چې دا پړاو یې برخه ده.
refuse-page-link = د پاڼې دا لینک سم نه دی.
refuse-choose-case = لږ تر لږه یوه قضیه وټاکئ.
refuse-choose-org = سازمان وټاکئ.
refuse-org-invalid = دا سازمان سم نه دی.
refuse-person-invalid = په ټاکل شویو کې یو کس سم نه دی.
refuse-respond-by = د ځواب نېټه باید نېټه وي (YYYY-MM-DD).
refuse-choose-reply = هغه ځواب وټاکئ چې ولېږل شي.
refuse-split-reason = ولیکئ چې دا کسان ولې لېږدول کېږي.
refuse-no-inquiry = داسې غوښتنه نشته.
refuse-case-invalid = په ټاکل شویو کې یوه قضیه سمه نه ده.
refuse-tick-cases = لومړی هغه قضیې نښه کړئ چې بدلېږي.
refuse-choose-status = نوی حالت وټاکئ.
refuse-choose-action = وټاکئ چې له دې قضیو سره څه وشي.
refuse-notification-invalid = یو نښه شوی خبرتیا سم نه دی.
refuse-choose-person = کس وټاکئ.
refuse-give-case = د قضیې شمېره ولیکئ.
refuse-inquiry-invalid = په ټاکل شویو کې یوه غوښتنه سمه نه ده.
refuse-tick-inquiries = لومړی هغه غوښتنې نښه کړئ چې ډلبندي کېږي.
refuse-known-gone = هغه پېژندل شوی کس نور نشته.
refuse-same-or-different = «همغه» یا «جلا» وټاکئ.
refuse-threshold = حد باید له ۱ پورته یو بشپړ عدد وي.
refuse-audience = لوستونکی یا دننه دی یا بهر.
refuse-too-many-sign-ins = ستاسو له پتې ډېرې د ننوتلو هڅې شوې. لس دقیقې انتظار وکړئ او بیا هڅه وکړئ.
refuse-fresh-code = دې کار ته ستاسو د پېژندنې اپلیکېشن یو تازه کوډ اړین دی، او هغه کوډ سم نه دی یا مخکې کارول شوی. بېرته لاړ شئ او اوسنی کوډ ولیکئ.
refuse-not-case-number = { $value } د قضیې شمېره نه ده.
refuse-due-date = د مهلت نېټه { $value } نېټه نه ده (YYYY-MM-DD).
refuse-date-field = { $field } باید د YYYY-MM-DD په بڼه نېټه وي.
not-found-case = قضیه C-{ $n } نشته.
not-found-person = کس P-{ $n } نشته.
not-found-inquiry = غوښتنه { $n } نشته.
not-found-review = احتمالي ورته والی R-{ $n } نشته.
not-found-merge = یو ځای کېدل M-{ $n } نشته.
not-found-referral = ارجاع R-{ $n } نشته.
not-found-task = دنده { $n } نشته.
not-found-team = ټیم { $n } نشته.
not-found-thing = دا (نور) نشته: { $what }.

# What was done

done-role = رول بدل شو؛ کاروونکی له هر ځای څخه ووېستل شو.
done-2fa-reset = دویم عامل بیا جوړ شو؛ کاروونکی به په راتلونکي ننوتلو کې نوی جوړ کړي.
done-note = یادښت اضافه شو.
done-task = دنده اضافه شوه.
done-task-done = دنده تازه شوه.
done-pathway = لاره تازه شوه.
done-evidence = ثبوت اضافه شو.
done-assigned = قضیه بل چا ته وسپارل شوه.
done-split = کسان د دوی د غوښتنو سره دې قضیې ته ولېږدول شول.
done-status = حالت بدل شو.
done-priority = لومړیتوب وټاکل شو.
done-triaged = غوښتنه اوس په دې قضیه کې ده.
done-referred = قضیه ارجاع شوه.
done-replied = هر غوښتونکي ته ځواب ورکړل شو یا د رسولو لپاره ثبت شو.
done-language = د غوښتونکي ژبه وټاکل شوه.
done-merged = یو ځای شو: دا ریکارډ اوس د پېژندل شوي کس دی.
done-different = د جلا کسانو په توګه ثبت شو.
done-undone = یو ځای کېدل لغوه شو: دواړه کسان بیا جلا دي.
done-referral = ارجاع تازه شوه.
done-noted = د ارجاع رد کېدل ولیدل شول.
done-bulk-referred = { $count ->
    [one] { $count } قضیه ارجاع شوه.
   *[other] { $count } قضیې ارجاع شوې.
}
done-bulk-replied = { $count ->
    [one] { $count } ځواب ولېږل شو یا د رسولو لپاره ثبت شو.
   *[other] { $count } ځوابونه ولېږل شول یا د رسولو لپاره ثبت شول.
}
done-stored = خوندي شو. د غوښتونکي لپاره د مراجعې شمېره { $reference } ده.
done-triaged-n = { $count ->
    [one] ډلبندي شوه: { $count } نوې قضیه.
   *[other] ډلبندي شوه: { $count } نوې قضیې.
}

# How the matcher compared two records

match-field-given_name = نوم
match-field-family_name = تخلص
match-field-father_name = د پلار نوم
match-field-date_of_birth = د زوکړې نېټه
match-field-sex = جنس
match-field-tazkira = تذکره
match-field-passport = پاسپورټ
match-field-phone = تلیفون
match-field-email = برېښنالیک
match-field-address = پته
match-field-province = ولایت
match-level-exact = یو شان
match-level-close = نږدې
match-level-partial = یو څه یو شان
match-level-different = توپیر لري
match-level-missing = نشته

# The domain's values

channel-web_form = ویب فورمه
channel-api = API (له بل سیستم)
channel-email = برېښنالیک
channel-spreadsheet = جدول
channel-walk_in = حضوري راتګ
channel-phone = تلیفون
channel-staff_form = د کارکوونکي فورمه
channel-sms = لنډ پیغام (SMS)
channel-whatsapp = واټس‌اپ
requester-kind-state_office = دولتي اداره
requester-kind-agency = بله اداره
requester-kind-international_org = نړیوال سازمان
requester-kind-ngo = غیر دولتي موسسه
requester-kind-sponsor = ملاتړی
# unsure: "congressional office" (US Congress member's office).
requester-kind-congressional = د کانګرس د غړي دفتر
requester-kind-self = پخپله کس
role-admin = د سیستم مدیر
role-lead = د کاري ډلې مشر
role-case_officer = د قضیې مسؤل
role-intake_clerk = د ثبت کارکوونکی
role-partner = همکار کاروونکی
role-auditor = څارونکی
outcome-evacuated = ایستل شو
outcome-visa_issued = ویزه ورکړل شوه
outcome-referred_elsewhere = بل ځای ته ارجاع شو
outcome-resolved_locally = په ځای کې حل شو
outcome-no_longer_needed = نور اړتیا نشته
outcome-ineligible = وړ نه دی
outcome-unreachable = اړیکه ورسره ونه شوه
outcome-duplicate = تکراري
outcome-other = نور
# unsure: programme names are usually kept in English beside the Pashto.
pathway-siv = ځانګړې مهاجرتي ویزه (SIV)
pathway-refugee_p1 = د کډوال په توګه معرفي P-1
pathway-refugee_p2 = د کډوال په توګه معرفي P-2
pathway-humanitarian_parole = بشري د ننوتلو اجازه (parole)
pathway-unhcr_registration = په UNHCR کې نوم لیکنه
pathway-claimed_no_record = د وړتیا ادعا، ریکارډ ونه موندل شو
step-chief_of_mission_submitted = د Chief of Mission غوښتنه ولېږل شوه
step-com_in_progress_not_approved = Chief of Mission روان دی، لا نه دی تایید شوی
step-com_approved = Chief of Mission تایید شو
step-i360_filed = د I-360 غوښتنه ورکړل شوه
step-nvc = په ملي ویزه مرکز (NVC) کې
step-interview = د ویزې مرکه
step-visa_issued = ویزه ورکړل شوه
step-referred = معرفي شو
step-interviewed = مرکه ورسره وشوه
step-approved = تایید شو
step-denied = رد شو
step-travelled = سفر یې وکړ
step-applied = غوښتنه یې وکړه
step-requested = د نوم لیکنې غوښتنه وشوه
step-registered = نوم یې ولیکل شو
step-claimed = ادعا شوې، ریکارډ ونه موندل شو
step-verifying = د تایید په حال کې
step-verified = تایید شو
step-not_verified = تایید نشو
evidence-com_approval_letter = د Chief of Mission د تایید لیک
evidence-com_application = د Chief of Mission غوښتنلیک
evidence-i360_receipt = د I-360 رسید
evidence-nvc_case_number = د NVC د قضیې شمېره
evidence-interview_letter = د مرکې د وخت لیک
evidence-visa = ویزه
evidence-referral_letter = د معرفي لیک
evidence-parole_decision = د parole پرېکړه
evidence-unhcr_registration = د UNHCR د نوم لیکنې شمېره
evidence-employment_record = د کار ریکارډ
evidence-identity_document = د پېژندنې سند
evidence-other = نور
org-kind-un_agency = د ملګرو ملتونو اداره
org-kind-ngo = غیر دولتي موسسه
org-kind-government = دولت
org-kind-other = نور
referral-state-sent = ولېږل شوه
referral-state-acknowledged = رسید یې تایید شو
referral-state-accepted = ومنل شوه
referral-state-declined = رد شوه
referral-state-completed = بشپړه شوه
referral-state-withdrawn = بېرته واخیستل شوه
share-field-names = نومونه
share-field-dates_of_birth = د زوکړې نېټې
share-field-phones = د تلیفون شمېرې
share-field-document_numbers = د اسنادو شمېرې
share-field-location = ځای
share-field-category = د مرستې ډول
share-field-message = یو پیغام
reply-language-en = انګلیسي
reply-language-prs = دري
reply-language-ps = پښتو
reply-language-ur = اردو
reply-template-progress = د پرمختګ خبرتیا
reply-template-documents_needed = د اسنادو غوښتنه
reply-template-referral_made = ارجاع وشوه
reply-template-case_closed = قضیه وتړل شوه
delivery-email_queued = برېښنالیک د لېږلو په نوبت کې
delivery-to_deliver_by_phone = باید په تلیفون ورسول شي
delivery-to_deliver_in_person = باید حضوري ورسول شي
deadline-kind-first_response = لومړنی ځواب
deadline-kind-next_action = راتلونکی کار
review-status-pending = کتنې ته منتظر
review-status-same = همغه کس
review-status-different = جلا کسان
pathway-start = (پیل)
pathway-history = { $from } ← { $to }، د { $by } له خوا، { $when }
err-date-cannot-exist = دا نېټه نشته: ورځ او میاشت وګورئ. سمه یې کړئ، یا که په اسنادو کې همداسې لیکل شوې، د فورمې په پای کې خانه نښه کړئ او بیا یې ولېږئ.
err-date-future = دا نېټه له نن ورځې وروسته ده. سمه یې کړئ، یا که په اسنادو کې همداسې لیکل شوې، د فورمې په پای کې خانه نښه کړئ او بیا یې ولېږئ.
err-phone = دا د تلیفون شمېرې ته ورته نه ده: له ۷ تر ۱۵ عددونو پورې پکار دي. سمه یې کړئ، یا لکه څنګه چې لیکل شوې وه یې ساتئ.
err-document = دا د سند شمېرې ته ورته نه ده: توري او عددونه، لږ تر لږه څلور عددونه. سمه یې کړئ، یا لکه څنګه چې لیکل شوې وه یې ساتئ.
desk-confirm-warning = دا له کس سره وګورئ. که لکه څنګه چې لیکل شوي سم وي، خوندي کول یې همداسې ساتي او د بیا کتنې لپاره یې نښه کوي.
notif-grouped = د قضیې او ډول له مخې ډلبندي شوي، تر ټولو نوي لومړی. یو قطار نښه کړئ څو ټول یې لوستل شوي وګڼل شي.
notif-latest = وروستی
notif-tick-group = ټول قطار نښه کړئ
notif-show-all = { $count ->
    [one] { $count } وښایاست
   *[other] ټول { $count } وښایاست
}
notif-kind-escalation = مهلت تېر شو
notif-kind-mention = ستاسو نوم یاد شو
notif-kind-task_assigned = ستاسو لپاره یوه دنده
notif-kind-other = نور
case-owners-team = د مسؤل ټیم
case-needed-to-close = د تړلو لپاره اړین
case-needed-to-close-reopen = د تړلو یا بیا پرانیستلو لپاره اړین
required = اړین
cases-bulk-title = له نښه شویو قضیو سره
cases-bulk-intro = یو بدلون د ټولو لپاره، یا د هېڅ یوې لپاره: که یوه قضیه ونه مني، هېڅ نه بدلېږي او پاڼه وایي کومه او ولې.
cases-bulk-assign = وسپارئ
cases-bulk-status = حالت بدل کړئ په
cases-bulk-apply = په نښه شویو قضیو یې پلي کړئ
intake-asked-for = هغه څه چې یې وغوښتل
intake-people = کسان (لومړی اصلي کس؛ اضافي قطارونه خالي پرېږدئ)
intake-household = د کورنۍ نوم
intake-household-hint = اختیاري، د بېلګې په توګه د کورنۍ تخلص لکه څنګه چې غوښتونکی یې لیکي
intake-save = غوښتنه خوندي کړئ
sitrep-chart-flow = ورځنۍ راغلې غوښتنې د تړل شویو په وړاندې، له پاتې کارونو سره
sitrep-chart-per-day = په ورځ کې
sitrep-chart-backlog-axis = پاتې کارونه (خلاصې قضیې)
sitrep-chart-inquiries = غوښتنې
sitrep-chart-new-cases = نوې قضیې
sitrep-chart-closures = تړل شوې
sitrep-chart-backlog-legend = پاتې کارونه (ښی محور)
sitrep-chart-day = ورځ (UTC)
sitrep-chart-age = خلاصې قضیې څومره انتظار شوې
sitrep-chart-open-cases = خلاصې قضیې
sitrep-chart-waiting-axis = د قضیې له خلاصېدو راهیسې د انتظار وخت
sitrep-chart-flow-desc = له { $from } تر { $to }: { $inquiries } غوښتنې، { $new } نوې قضیې او { $closures } تړل شوې؛ په پای کې { $backlog } پاتې کارونه.
rule-partner-cannot-own = { $name } همکار کاروونکی دی او د قضیې مسؤل کېدای نشي.
rule-user-inactive = { $name } فعال نه دی: داسې څوک وټاکئ چې فعال وي.
rule-priority-reason = د لومړیتوب بدلول دلیل غواړي.
rule-team-without-lead = ټیم { $team } مشر نه لري چې د قضیې مسؤل شي: یو مسؤل وټاکئ.
rule-case-closed = قضیه C-{ $n } تړل شوې ده: لومړی یې بیا پرانیزئ، یا نوې قضیه جوړه کړئ.
rule-nobody-to-move = لږ تر لږه یو کس د لېږدولو لپاره نښه کړئ.
rule-move-within-case = کسان بلې قضیې ته لېږدول کېږي، نه هغې ته چې پکې دي (C-{ $n }).
rule-in-bulk = قضیې C-{ $n } ونه منله، نو هېڅ بدلون ونه شو: { $why }
rule-referral-reason = ارجاع دلیل غواړي: د «ولې» په خانه کې یې ولیکئ.
rule-no-field-shared = لږ تر لږه یو شی له همکار سره د شریکولو لپاره نښه کړئ.
rule-no-person-chosen = لږ تر لږه یو کس د ارجاع لپاره نښه کړئ.
rule-evidence-content = ثبوت یوه شمېره یا یادښت غواړي.
## documents

documents-title = اسناد
documents-none = تر اوسه هیڅ سند نشته.
document-kind = ډول
document-type = بڼه
document-size = اندازه
document-added-at = ورزیات شوی
# unsure: بدافزار for malware, borrowed from Dari
document-scan = د بدافزار کتنه
document-view = کتل
document-download = ښکته کول
document-file = فایل (JPEG، PNG، HEIC یا PDF؛ تر { $n } میګابایټه پورې)
document-attach = سند ضمیمه کړئ
document-added = سند ضمیمه شو.
document-already-present = دا فایل دمخه ضمیمه شوی: بیا نه دی خوندي شوی.
document-refused = سند ضمیمه نه شو:
document-scan-clean = پاک
document-scan-infected = بدافزار وموندل شو: قرنطین شو
document-scan-pending = تر اوسه نه دی کتل شوی: ساتل شوی
document-scan-none = نه دی کتل شوی (کتونکی نه دی تنظیم شوی)
document-kind-tazkira = تذکره
document-kind-passport = پاسپورټ
document-kind-com-letter = د ماموریت د مشر لیک (COM)
document-kind-employment-proof = د دندې ثبوت
document-kind-i797 = د I-797 خبرتیا
document-kind-unhcr-slip = د UNHCR د نوم لیکنې پاڼه
document-kind-photo = عکس
document-kind-other = نور
## messages

msg-conversation = متني پیغامونه
msg-replies-by-text = هغه غوښتونکي چې په SMS یا واټس‌اپ یې لیکلي، په همغه لاره او په خپله ژبه ځواب ترلاسه کوي.
msg-from = له
msg-to = ته
msg-state-received = ترلاسه شو
msg-state-opted-out = نور پیغامونه نه غواړي (STOP)
msg-state-opted-in = بیا پیغامونه غواړي (START)
msg-state-status-query = د حالت پوښتنه یې وکړه
msg-state-blocked = شمېره بنده ده
msg-state-rate-limited = له دې شمېرې ډېر زیات پیغامونه
msg-state-queued = د لېږلو په تمه
msg-state-sent = ولېږل شو
msg-state-delivered = ورسېد
msg-state-failed = و نه رسېد
# Review: "withheld" rendered as "not sent: the number wants no messages or is blocked".
msg-state-withheld = و نه لېږل شو: دا شمېره پیغامونه نه غواړي یا بنده ده
upload-documents = { $count ->
    [one] د برېښنالیک { $count } ضمیمه د خپلې غوښتنې د سند په توګه خوندي شوه.
   *[other] د برېښنالیکونو { $count } ضمیمې د خپلو غوښتنو د سندونو په توګه خوندي شوې.
}
inq-attachments-refused = هغه ضمیمې چې ونه منل شوې
request-files = د اسنادو انځورونه یا سکنونه، که یې لرئ (تذکره، پاسپورټ، لیکونه): JPEG، PNG، HEIC یا PDF، هر یو تر { $mb } میګابایټه، تر ټولو ډېر { $n } فایلونه. د انځور اخیستلو ځای ترې لرې کېږي.
request-files-again = نور هر څه چې مو لیکلي دلته پاتې دي؛ مهرباني وکړئ فایلونه بیا وټاکئ.
err-file-too-large = یو فایل له هغه حد څخه لوی دی چې پورته لیکل شوی.
err-file-too-many = فایلونه ډېر دي: پورته لیکل شوی حد وګورئ.
err-file-type = یوازې انځورونه (JPEG، PNG، HEIC) او PDF فایلونه لېږل کېدای شي.
err-file-unreadable = یو فایل ونه لوستل شو: ښايي خراب وي. مهرباني وکړئ انځور بیا واخلئ.
err-file-malware = یو فایل ونه منل شو، ځکه چې ښايي زیانمن وي.
desk-files = د کس اسناد، سکن شوي یا انځور اخیستل شوي (اختیاري): JPEG، PNG، HEIC یا PDF، هر یو تر { $mb } میګابایټه، تر ټولو ډېر { $n } فایلونه.
msg-number-blocked = بنده ده
msg-number-opted-out = نور پیغامونه نه غواړي (STOP)
msg-block = دا شمېره بنده کړئ
msg-unblock = دا شمېره خلاصه کړئ
msg-block-reason = لامل
msg-block-refused = یوازې د ټیم مشر یا اداره کوونکی کولای شي یوه شمېره بنده یا خلاصه کړي.
msg-block-no-message = دا پیغام د دې دوسیې له پیغامونو نه دی.
msg-block-reason-needed = ولیکئ چې ولې دا شمېره بندېږي.
msg-done-blocked = شمېره بنده شوه: د هغې پیغامونه هېڅ نه پرانیزي او هغې ته هېڅ نه لېږل کېږي.
msg-done-unblocked = شمېره نور بنده نه ده.

# Documents shared with referrals, and evidence backed by a document.
refer-documents = هغه اسناد چې شریکېږي
ref-documents = شریک شوي اسناد
ref-document-download = ښکته کول
refuse-document-invalid = په ټاکل شویو اسنادو کې یو سند سم نه دی.
rule-document-not-on-case = سند { $doc } د قضیې C-{ $n }، د هغې د کسانو یا غوښتنو سند نه دی: له دې ارجاع سره نشي شریکېدای.
rule-document-held = سند { $doc } لا د مالویر کتنې لخوا پاک نه دی موندل شوی، نو نشي شریکېدای.
rule-evidence-document = سند { $doc } د دې کس یا د هغې قضیې سند نه دی چې دی پکې دی.
evidence-document = سند
evidence-document-none = (هېڅ)
evidence-document-link = سند { $doc }
