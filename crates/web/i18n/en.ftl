# Corridor's interface in English: the reference catalog. Every message here must exist in
# prs.ftl (Dari), ps.ftl (Pashto) and ur.ftl (Urdu); a test fails otherwise.
# Plain words: many readers read better than they write, on a phone.

## Every page

corridor = Corridor
language = Language
skip-to-content = Skip to the content
actions = Actions
home = Home

## The public request form

request-title = Ask for help
request-intro = Tell us who needs help. You do not need an account. You will get a reference number and a secret code to check on the request later.
request-who-needs-help = Who needs help
request-principal = The main person
request-person-n = Person { $n }
request-family-intro = Add the family members who are with them: wife or husband, children, parents.
request-add-more = Add more people
request-more-note = There is room for more people below.
field-given-name = Given name
field-family-name = Family name
field-father-name = Father's name
field-date-of-birth = Date or year of birth
field-date-of-birth-hint = For example 1369, 1990 or 1990-02-28
field-sex = Sex
sex-female = Female
sex-male = Male
sex-other = Other
field-relationship = Relationship to the main person
relationship-spouse = Wife or husband
relationship-child = Son or daughter
relationship-parent = Mother or father
relationship-sibling = Brother or sister
relationship-other = Other relative
field-tazkira = Tazkira number
field-passport = Passport number
field-phone = Phone or WhatsApp
field-location = Where they are now
field-category = What help is needed
field-needs = In a few words
request-you = You
request-for-self = I am asking for myself or my family
request-for-other = I am asking for someone else
field-your-name = Your name
field-your-email = Your email (to receive the reference number)
field-your-phone = Your phone
request-send = Send the request
request-check-link = Check a request you already sent
request-keep-as-written = It is right as I wrote it: send it like this.

## Messages beside the fields

form-problems = Please check these and send again:
form-expired = The form expired. What you wrote is still here: please send it again.
err-name-needed = Write the name of at least one person who needs help.
err-your-name = Write your name.
err-email = This email address does not look right. Correct it or leave it empty.
err-date-of-birth = We cannot read this date. Write the year (1369 or 1990), a date like 1990-02-28, or an age like 34 years.
err-date-confirm = If it is right as written, tick the box at the end of the form and send again.
err-sex = Choose one from the list.
err-required = Fill this in.
err-too-long = Something is too long. Please shorten what you wrote.
err-no-person-on-row = Write this person's name, or clear the other fields of this row.

## After sending

request-done-title = Request received
request-done-again = We already have this request
request-done-intro = Write these down or take a photo of this page. You need both to check on the request.
reference-number = Reference number
secret-code = Secret code
request-done-email = We will also send the reference number to your email address.
request-done-private = Keep the secret code private: anyone with it can see the status of this request.
request-done-people = People in this request: { $count }
check-status = Check the status

## The status page

status-title = Check a request
status-label = Status:
status-not-found = We could not find a request with that reference number and secret code. Check both and try again.
status-check = Check
status-explained = The status is one of: received, under review, referred (to a partner organization), closed.
public-status-received = received
public-status-under_review = under review
public-status-referred = referred
public-status-closed = closed

## Messages for the public

wait-title = Please wait
wait-message = Too many requests came from your connection. Please wait ten minutes and try again.

## Kinds of help

category-evacuation = Evacuation
category-border_crossing = Border crossing
category-visa = Visa
category-refugee_referral = Refugee referral
category-medical = Medical
category-protection = Protection
category-other = Other

## Sign in

login-title = Sign in
login-username = Username
login-password = Password
login-submit = Sign in
login-failed = That username and password do not match an active account, or the account is paused after too many attempts. Check them, or wait a while and try again.

code-title = Second factor
code-enroll-title = Set up your second factor
code-enter-title = Enter your code
code-enroll-why = Corridor holds records of people at risk, so every sign-in needs a code from an authenticator app on your phone as well as your password. Add this account to the app (FreeOTP, Aegis, Google Authenticator or any TOTP app), then enter the six-digit code it shows.
code-enroll-scan = Scan the code, or type in the secret key (or paste the link below):
code-enter = Enter the six-digit code your authenticator app shows for Corridor.
code-label = Code
code-continue = Continue
code-failed = That code is not right, or was used already. Wait for the next code and try again. After too many attempts the account is paused for a while.

## Error pages

error-request-id = Request id:
error-quote-id = (quote it when you report a problem)
error-not-allowed = Not allowed
error-not-found = Not found
error-cannot = Cannot do that
error-conflict = Conflict
error-too-many = Too many attempts
error-internal = Something went wrong
error-internal-message = The request could not be completed. Nothing was half-saved; please try again.

## The staff menu

nav-menu = Menu
nav-dashboard = Dashboard
nav-cases = Cases
nav-mine = My cases
nav-unowned = Needs an owner
nav-overdue = Overdue
nav-tasks = My tasks
nav-reviews = Possible matches
nav-referrals = Referrals
nav-bulk = Bulk refer/reply
nav-partner = Referrals to us
nav-inquiries = Inquiries
nav-triage = Triage
nav-intake = New intake
nav-desk = Walk-in desk
nav-upload = Import a list
nav-export = Export
nav-audit = Audit trail
nav-users = Users
nav-notifications = Notifications
nav-sign-out = Sign out
nav-find = Find
nav-find-label = Find anyone
nav-find-placeholder = Name, phone, tazkira, CR-… or C-…

## The walk-in desk

desk-title = Walk-in desk
desk-born = Born
desk-email = Email
desk-need = Need
desk-family = Family members with them (one per line: name, relationship, year of birth)
desk-notes = Notes
desk-requester-language = Language of the receipt and replies
desk-review = Review before saving
desk-check = Check if already known
desk-not-chosen = That case is no longer the open case of anyone this request may be about. Nothing was saved: check again and choose from the list.
known-attach = Add this request to C-{ $n }
desk-confirm-title = Check before saving
desk-confirm-intro = This is what will be stored. Read it back to the person.
desk-confirm-save = Save and print receipt
desk-change = Change
desk-family-none = No family members given.
desk-enter-note = Enter moves to the next field; only the save button saves.

## The desk receipt

receipt-title = Receipt
receipt-received = Your request was received on { $when }.
receipt-quote = Quote the reference number whenever you ask about this request.
receipt-status-at = With the secret code you can check its status at:
receipt-qr = Scan to open the status page
receipt-next = Next person (print this page first: Ctrl+P)
receipt-print = Print

## Refused actions on the case page

refused-title = This was not done:
refused-not-allowed = A case cannot go from { $from } to { $to }.
refused-reason-required = Moving a case to { $to } needs a reason: write it in the Reason box.
refused-outcome-required = Closing a case needs an outcome: choose one in the Outcome list.
refused-outcome-only-closing = Choose an outcome only when closing a case.

## Notifications

notif-unread = { $count } unread
notif-mark-ticked = Mark the ticked read
notif-mark-all = Mark all read
notif-tick = Tick
notif-when = When
notif-what = What
notif-case = Case
notif-none = Nothing yet.

## The staff intake form

intake-keep-as-written = The dates are right as written: save them like this (they are kept and flagged).

## Case lists

cases-matching = { $count } matching
cases-none = No cases match these filters.
filter-any = any
filter-anyone = anyone
filter-open = open only
filter-needs-owner = needs an owner
filter-overdue = overdue
filter-urgent-first = most urgent first
filter-submit = Filter
col-select = Select
col-case = Case
col-about = About
col-category = Category
col-status = Status
col-priority = Priority
col-owner = Owner
col-team = Team
col-people = People
col-inquiries = Inquiries
col-waiting = Waiting
col-due = Due
col-pathway = Pathway
col-step = Step
case-status-new = New
case-status-triaged = Triaged
case-status-in_progress = In progress
case-status-waiting_applicant = Waiting on applicant
case-status-waiting_partner = Waiting on partner
case-status-resolved = Resolved
case-status-closed = Closed
case-status-reopened = Reopened
priority-critical = Critical
priority-high = High
priority-normal = Normal
priority-low = Low

## The case page

case-outcome = Outcome
case-first-response = First response
case-next-action = Next action
case-household = Household
case-assign = Assign
case-change-status = Change status
case-new-status = New status
case-override-priority = Override priority
case-set-priority = Set priority
case-reason = Reason
case-notes = Notes
case-add-note = Add note
case-tasks = Tasks
case-pathways = Pathways
case-who-asked = Who asked
case-history = History

## Tasks, pathways, people and history

task-task = Task
task-assignee = Assignee
task-done = Done
task-reopen = Reopen
task-mark-done = Done
task-none = No tasks.
task-nobody = nobody yet
task-add = Add task
tasks-intro = Tasks given to you on cases, open ones first by due date.
tasks-hide-done = Hide done tasks
tasks-show-done = Show done tasks too
tasks-none-for-you = No tasks for you.
pathway-person = Person
pathway-evidence = Evidence
pathway-none = No pathway recorded for these people.
pathway-put = Put a person on a pathway
pathway-add = Add pathway
people-documents = Documents
people-where = Where
people-relationship = Relationship
people-needs = Needs
people-from = From
people-inquiry = inquiry
people-none = No person recorded yet.
inq-received = Received
inq-channel = Channel
inq-requester = Requester
inq-subject = Subject
hist-who = Who
hist-detail = Detail
case-note = Note
case-note-hint = @username notifies a colleague
case-note-contact = we were in contact with the applicant or requester (counts as the first response)

## Inquiries

inq-waiting-triage = waiting for triage
inq-triage-title = Triage the selected inquiries
inq-triage-intro = Each selected inquiry gets a case of its own, with its category, in one step: all or none.
inq-team-default = the team for each inquiry's category
inq-owner-default = the team's lead
inq-triage-submit = Create a case for each
inq-none = No inquiries match these filters.
next-page = Next page →

## Forms that act once

sent-once = That form was sent twice; the second time did nothing, so nothing went out twice.

## Deadlines and ages

deadline-met = met { $when }
deadline-overdue = OVERDUE since { $when }
deadline-due = due { $when }
deadline-not-set = not set
deadline-none-closed = none: the case is not open
due-first-response = first response { $when }
due-next-action = next action { $when }
age-days = { $n } d
age-hours = { $n } h
age-minutes = { $n } min
case-last-change = last change { $when }

## Referrals and replies on the case page

refer-title = Refer to a partner
refer-org = Organization
refer-share-only = Share only
refer-message = Message
refer-why = Why (required)
refer-respond-by = Respond by
refer-submit = Refer
reply-title = Reply to every requester
reply-intro = Each requester is answered in their language, through the channel they used: email goes out; a phone call or walk-in is logged for delivery.
reply-read-all = Read every reply in English, Dari and Pashto
reply-which = Reply
reply-answered-in = { $name } is answered in
reply-set = Set
reply-replies = Replies
reply-none = No replies yet.
reply-to = To
reply-delivery = Delivery
reply-by = By

## messages

msg-conversation = Text messages
msg-replies-by-text = Requesters who wrote by SMS or WhatsApp are answered the same way, in their language.
msg-from = from
msg-to = to
msg-state-received = received
msg-state-opted-out = asked for no more messages (STOP)
msg-state-opted-in = asked for messages again (START)
msg-state-status-query = asked for the status
msg-state-blocked = number blocked
msg-state-rate-limited = too many messages from this number
msg-state-queued = waiting to be sent
msg-state-sent = sent
msg-state-delivered = delivered
msg-state-failed = not delivered
msg-state-withheld = not sent: the number opted out or is blocked
