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
reply-read-all = ټول ځوابونه په انګلیسي، دري او پښتو ولولئ
reply-which = ځواب
reply-answered-in = { $name } ته ځواب ورکول کېږي په
reply-set = ټاکل
reply-replies = ځوابونه
reply-none = لا هېڅ ځواب نشته.
reply-to = چا ته
reply-delivery = رسول
reply-by = له خوا

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
