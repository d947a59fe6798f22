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
reply-read-all = Read every reply in English, Dari, Pashto and Urdu
reply-which = Reply
reply-answered-in = { $name } is answered in
reply-set = Set
reply-replies = Replies
reply-none = No replies yet.
reply-to = To
reply-delivery = Delivery
reply-by = By

## staff pages

yes = yes
no = no
none = None.
optional = optional
code-from-app = Code from your authenticator app
audit-intro = Every change, every look at a person's record or a case, every sign-in, newest first. To check that nobody rewrote it:
audit-action = Action
audit-object = Object
audit-id = Id
audit-from = From
audit-until = Until
audit-when-utc = When (UTC)
audit-address = Address
audit-none = No events match.
audit-older = Older events
bulk-title = Refer or answer many cases at once
bulk-intro = Give the case numbers (C-12, 13 …), separated by commas or spaces. Each action is done for every case, or for none.
bulk-refer-all = Refer every case
bulk-reply-all = Reply on every case
split-title = Split or join
split-intro = For people on this case who are another family, or a family that is on two cases: tick who moves. The requests about them go with them, the reason is kept as a note on both cases, and moving the same people back undoes it.
split-people = People who move
split-into = Into case
split-into-hint = C-123; empty for a new case
split-move = Move
export-title = Export cases
export-intro = A CSV file of the organization's cases with the name of each case's main person. It holds personal data: keep it on an encrypted device, share it only with people who need it, and delete it when done. Every export is recorded in the audit trail, and the file's first line says who made it and when.
export-download = Download CSV
orgs-title = Partner organizations
orgs-intro = Cases are referred to these organizations. Their users see only the referrals to their own organization. Make a user for a partner with:
orgs-kind = Kind
orgs-contact = Contact
orgs-add = Add an organization
orgs-name = Name
orgs-email = Contact email
orgs-add-button = Add
partner-intro = Only what the sender chose to share is shown. Acknowledge a referral when you receive it, then accept or decline it (with a reason), and complete it with the result.
partner-none = No referrals to your organization.
ref-referral = Referral
ref-state = State
ref-sent = Sent
ref-why = Why
ref-shared = Shared
ref-declined-because = Declined because
ref-result = Result
ref-answer = Answer
ref-all = All referrals
ref-withdraw-or-record = Withdraw, or record the partner's answer
ref-on-behalf = An answer recorded here is marked as recorded by you for { $org }.
ref-export = Export a signed file
ref-export-why = for a partner not on Corridor (the export is recorded).
ref-noted = Noted: the decline was seen
ref-reason-required = Reason (required)
ref-result-required = Result (required)
ref-overdue-only = overdue only
ref-none = No referrals match.
ref-declined = referral declined
replies-title = Replies to requesters
replies-intro = What each reply says, in each language. The reference number is the requester's own; nothing else about them is in a reply.
review-title = Review
review-same-q = Is this the same person?
review-probability = probability
review-field = Field
review-new-record = New record
review-known-person = Known person
review-agreement = Agreement
review-weight = Weight
review-total = Prior and total (log2 odds; above 0 leans to the same person)
review-held-back = The matcher held back:
review-same = Same person: merge
review-different = Different people
reviews-to-review = { $count } to review
reviews-intro = Each row is a person from a new inquiry who may be someone already known. Open it to compare them side by side.
reviews-may-be = May be
reviews-none = Nothing to review.
person-records = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
person-detached = The record was detached: it is now a person of its own:
person-merged-into = This person was merged into
person-known = What is known, and where it came from
person-value = Value
person-from-inquiry = From inquiry
person-records-title = Every record, as each requester wrote it
person-check = Check:
person-detach = Detach this record
person-detach-why = Why (optional)
person-detach-title = This record is someone else: make it a person of its own
person-merges = Merges
person-merge = Merge
person-undone = undone
person-undo-merge = Undo merge
person-no-merges = No merges.
pathway-note-back = note (needed to go back)
pathway-add-evidence = Add evidence
pathway-first-step = the pathway's first step
search-label = Name, phone, tazkira, passport, email, request reference or case number
search-hint = A name finds every spelling, in either script; add the father's name ("s/o …"), a birth year or a province to narrow it.
search-none = Nobody and nothing found.
search-none-name = Nobody and nothing found under any spelling of that name.
search-latest = Latest request
search-not-yours = not in your cases
search-ask-team = not in your cases: ask its team
search-requests = Requests
search-requesters = Requesters
upload-intro = Spreadsheets (CSV, XLSX), emails (.eml) and mailboxes (.mbox). Each row that names a person becomes an inquiry; a field that cannot be read (a date, an email address) is kept as written, flagged and listed for you to check. Rows that cannot be read at all or name nobody are listed with their row, column and reason. Importing the same rows again adds nothing.
upload-files = Files
upload-who = Who sent it
upload-source = Name of the list
upload-import = Import
upload-rows = { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
upload-stored = { $count } stored
upload-refused = { $count } refused
upload-already = { $count } already present
upload-warned = { $count ->
    [one] { $count } stored row has a field to check.
   *[other] { $count } stored rows have a field to check.
}
upload-file = File
upload-row = Row
upload-column = Column
upload-to-check = Stored, to check
upload-to-check-intro = These rows name people and were stored; the field named is flagged on the person's page (or, too long to file, left out of the person's details; the row is kept as it arrived). Correct it there.
upload-what = What to check
users-intro = Changing a role or resetting a second factor signs the user out everywhere, and needs a fresh code from your authenticator app. New users and passwords:
users-user = User
users-role = Role
users-active = Active
users-change-role = Change role
users-change = Change
users-reset = Reset
inq-inquiry = Inquiry
inq-same-people = Open cases of the same people or household
inq-attach-to = Attach to C-{ $n }
inq-create-case = Create a case
inq-team-for = the team for { $category }
inq-attach-other = Attach to another open case
inq-case-number = Case number
inq-attach = Attach
inq-as-received = As received, kept word for word
known-not-yet = Not known yet: nobody on record matches this name, phone or document. Saving opens a new request.
known-title = Already known?
known-intro = This may be someone already on record. Tell them which case they are on; saving adds the request to the known person when the matcher is sure, otherwise it waits for review.
known-triage-intro = The people of this request may be people already on record. If it is about them, attach it to their open case instead of creating another.
known-score = Score
known-case-owner = Open case and owner
known-cases-owners = Cases and owners
known-ask-owner = not in your cases: ask its owner
sitrep-title = Situation report
sitrep-period = Period
sitrep-utc-days = UTC days
sitrep-as-of = open cases and places as of
sitrep-made = made
sitrep-external-note = For sharing outside the task force: counts below { $n } are shown as “<{ $n }”.
sitrep-internal-note = Internal: exact figures. Use the version for outside to share outside the task force.
sitrep-show = Show report
sitrep-printable = Printable report
sitrep-csv-outside = CSV for outside
sitrep-page-outside = Page for outside
sitrep-flow = Inflow, closures and backlog
sitrep-waiting = Waiting time of open cases
sitrep-referral-chart = Referrals awaiting an answer, by partner and age
sitrep-headline = At a glance
sitrep-channels = Inquiries by channel
sitrep-requesters = Inquiries by who asked
sitrep-status = Open cases by status
sitrep-category = Open cases by category
sitrep-priority = Open cases by priority
sitrep-team = Open cases by team
sitrep-age = How long open cases have waited
sitrep-age-note = Age since the case was opened, at the end of the period.
sitrep-location = People on open cases by where they are
sitrep-location-note = Where each person's latest record says they are.
sitrep-outcome = Cases closed in the period, by outcome
sitrep-overdue = Open cases past a deadline, by team
sitrep-overdue-note = First responses and next actions overdue at the end of the period; a case late on both counts once in the team's total.
sitrep-pathways = People by pathway and step
sitrep-pathways-note = Where each person's pathways stand now.
sitrep-referrals = Referrals awaiting a partner's answer, by partner
sitrep-referrals-note = Sent or acknowledged, not yet accepted or declined, at the end of the period.
sitrep-referral_age = How long referrals have waited for an answer
sitrep-referral_age-note = Age since the referral was sent, at the end of the period.
sitrep-declined = Referrals declined in the period, by partner
sitrep-line-inquiries = Inquiries received
sitrep-line-people = Distinct people they concern
sitrep-line-households = Households (a person alone counts as one)
sitrep-line-new_people = People new in the period
sitrep-line-known_people = People already known before
sitrep-line-new_cases = New cases
sitrep-line-open_cases = Open cases
sitrep-line-unowned = Open cases needing an owner
sitrep-line-overdue = Open cases past a deadline
sitrep-line-referrals_outstanding = Referrals awaiting a partner's answer
sitrep-line-at_border = People at border crossings
sitrep-line-closed = Cases closed or resolved
sitrep-age-lt1 = under 1 day
sitrep-age-1to3 = 1–3 days
sitrep-age-3to7 = 3–7 days
sitrep-age-7to14 = 7–14 days
sitrep-age-14to30 = 14–30 days
sitrep-age-gt30 = over 30 days
sitrep-no-outcome = Resolved (no outcome recorded)
sitrep-not-recorded = Not recorded
sitrep-all-partners = All partners
sitrep-team-cases = { $team }: cases overdue
sitrep-team-first_response = { $team }: first response overdue
sitrep-team-next_action = { $team }: next action overdue
cases-mine-intro = The open cases you own, most urgent first.
cases-unowned-intro = Open cases whose owner is no longer active. Open one and give it to someone who is.
cases-team-intro = The team's open cases, most urgent first.
cases-team-no-lead-intro = The team's open cases. It has no lead: new inquiries for it wait in triage.

# Refusals, in plain words

refuse-role-cases = Your role does not give access to cases.
refuse-role-change = Your role cannot change cases.
refuse-role-intake = Your role does not give access to intake.
refuse-role-referrals = Your role does not give access to cases or referrals.
refuse-role-refer = Your role cannot refer cases or answer requesters.
refuse-role-orgs = Only administrators and leads add partner organizations.
refuse-role-search = Your role does not search people and cases.
refuse-role-audit = Only auditors and administrators read the audit trail.
refuse-role-export = Only task force leads may export lists of people.
refuse-role-triage = Your role cannot triage inquiries.
refuse-role-people = Your role does not give access to people's records.
refuse-role-reviews = Only task force leads review possible matches and merges.
refuse-role-admin = Only administrators manage users.
refuse-role-sitrep = The situation report is for leads and administrators.
refuse-form-expired = This form has expired. Go back, reload the page and try again.
refuse-partner-view = The partner view is for partner organizations' accounts.
refuse-partner-only = Partner accounts see only the referrals to their organization, at /partner.
refuse-no-org = This account has no organization.
refuse-owner-needed = A case must always have an owner: choose one.
refuse-choose-pathway = Choose the pathway the step belongs to.
refuse-page-link = That page link is not valid.
refuse-choose-case = Choose at least one case.
refuse-choose-org = Choose the organization.
refuse-org-invalid = The organization is not valid.
refuse-person-invalid = A person in the selection is not valid.
refuse-respond-by = The respond-by date must be a date (YYYY-MM-DD).
refuse-choose-reply = Choose the reply to send.
refuse-split-reason = Say why the people are moved.
refuse-no-inquiry = There is no such inquiry.
refuse-case-invalid = A case in the selection is not valid.
refuse-tick-cases = Tick the cases to change first.
refuse-choose-status = Choose the new status.
refuse-choose-action = Choose what to do with the cases.
refuse-notification-invalid = A ticked notification is not valid.
refuse-choose-person = Choose the person.
refuse-give-case = Give the case number.
refuse-inquiry-invalid = An inquiry in the selection is not valid.
refuse-tick-inquiries = Tick the inquiries to triage first.
refuse-known-gone = The known person no longer exists.
refuse-same-or-different = Choose same or different.
refuse-threshold = The threshold must be a whole number from 1.
refuse-audience = The audience is internal or external.
refuse-too-many-sign-ins = Too many sign-in attempts from your address. Wait ten minutes and try again.
refuse-fresh-code = This needs a fresh code from your authenticator app, and that one is not right or was used already. Go back and enter the current code.
refuse-not-case-number = { $value } is not a case number.
refuse-due-date = The due date { $value } is not a date (YYYY-MM-DD).
refuse-date-field = The { $field } must be a date as YYYY-MM-DD.
not-found-case = There is no case C-{ $n }.
not-found-person = There is no person P-{ $n }.
not-found-inquiry = There is no inquiry { $n }.
not-found-review = There is no possible match R-{ $n }.
not-found-merge = There is no merge M-{ $n }.
not-found-referral = There is no referral R-{ $n }.
not-found-task = There is no task { $n }.
not-found-team = There is no team { $n }.
not-found-thing = This does not exist (any more): { $what }.

# What was done

done-role = Role changed; the user was signed out everywhere.
done-2fa-reset = Second factor reset; the user sets up a new one at their next sign-in.
done-note = The note was added.
done-task = The task was added.
done-task-done = The task was updated.
done-pathway = The pathway was updated.
done-evidence = The evidence was added.
done-assigned = The case was reassigned.
done-split = The people moved to this case, with the requests about them.
done-status = The status was changed.
done-priority = The priority was set.
done-triaged = The inquiry is on this case now.
done-referred = The case was referred.
done-replied = Every requester was answered or logged for delivery.
done-language = The requester's language was set.
done-merged = Merged: the record now belongs to the known person.
done-different = Recorded as different people.
done-undone = The merge was undone: both people are separate again.
done-referral = The referral was updated.
done-noted = The decline was noted.
done-bulk-referred = { $count ->
    [one] { $count } case was referred.
   *[other] { $count } cases were referred.
}
done-bulk-replied = { $count ->
    [one] { $count } reply was sent or logged for delivery.
   *[other] { $count } replies were sent or logged for delivery.
}
done-stored = Stored. The reference number for the requester is { $reference }.
done-triaged-n = { $count ->
    [one] Triaged: { $count } new case.
   *[other] Triaged: { $count } new cases.
}

# How the matcher compared two records

match-field-given_name = given name
match-field-family_name = family name
match-field-father_name = father's name
match-field-date_of_birth = date of birth
match-field-sex = sex
match-field-tazkira = tazkira
match-field-passport = passport
match-field-phone = phone
match-field-email = email
match-field-address = address
match-field-province = province
match-level-exact = same
match-level-close = close
match-level-partial = partly the same
match-level-different = different
match-level-missing = missing

# The domain's values

channel-web_form = Web form
channel-api = API
channel-email = Email
channel-spreadsheet = Spreadsheet
channel-walk_in = Walk-in
channel-phone = Phone
channel-staff_form = Staff intake form
channel-sms = SMS
channel-whatsapp = WhatsApp
requester-kind-state_office = Government office
requester-kind-agency = Other agency
requester-kind-international_org = International organization
requester-kind-ngo = NGO
requester-kind-sponsor = Sponsor
requester-kind-congressional = Congressional office
requester-kind-self = The person themself
role-admin = Administrator
role-lead = Task force lead
role-case_officer = Case officer
role-intake_clerk = Intake clerk
role-partner = Partner user
role-auditor = Auditor
outcome-evacuated = Evacuated
outcome-visa_issued = Visa issued
outcome-referred_elsewhere = Referred elsewhere
outcome-resolved_locally = Resolved locally
outcome-no_longer_needed = No longer needed
outcome-ineligible = Not eligible
outcome-unreachable = Could not be reached
outcome-duplicate = Duplicate
outcome-other = Other
pathway-siv = Special Immigrant Visa (SIV)
pathway-refugee_p1 = Refugee referral P-1
pathway-refugee_p2 = Refugee referral P-2
pathway-humanitarian_parole = Humanitarian parole
pathway-unhcr_registration = UNHCR registration
pathway-claimed_no_record = Claims eligibility, no record found
step-chief_of_mission_submitted = Chief of Mission application submitted
step-com_in_progress_not_approved = Chief of Mission in progress, not yet approved
step-com_approved = Chief of Mission approved
step-i360_filed = I-360 petition filed
step-nvc = At the National Visa Center
step-interview = Visa interview
step-visa_issued = Visa issued
step-referred = Referred
step-interviewed = Interviewed
step-approved = Approved
step-denied = Denied
step-travelled = Travelled
step-applied = Applied
step-requested = Registration requested
step-registered = Registered
step-claimed = Claimed, no record found
step-verifying = Being verified
step-verified = Verified
step-not_verified = Could not be verified
evidence-com_approval_letter = Chief of Mission approval letter
evidence-com_application = Chief of Mission application
evidence-i360_receipt = I-360 receipt notice
evidence-nvc_case_number = NVC case number
evidence-interview_letter = Interview appointment letter
evidence-visa = Visa
evidence-referral_letter = Referral letter
evidence-parole_decision = Parole decision
evidence-unhcr_registration = UNHCR registration number
evidence-employment_record = Employment record
evidence-identity_document = Identity document
evidence-other = Other
org-kind-un_agency = UN agency
org-kind-ngo = NGO
org-kind-government = Government
org-kind-other = Other
referral-state-sent = Sent
referral-state-acknowledged = Acknowledged
referral-state-accepted = Accepted
referral-state-declined = Declined
referral-state-completed = Completed
referral-state-withdrawn = Withdrawn
share-field-names = Names
share-field-dates_of_birth = Dates of birth
share-field-phones = Phone numbers
share-field-document_numbers = Document numbers
share-field-location = Location
share-field-category = Category
share-field-message = A message
reply-language-en = English
reply-language-prs = Dari
reply-language-ps = Pashto
reply-language-ur = Urdu
reply-template-progress = Acknowledgement of progress
reply-template-documents_needed = Request for documents
reply-template-referral_made = Referral made
reply-template-case_closed = Case closed
delivery-email_queued = email queued
delivery-to_deliver_by_phone = to deliver by phone
delivery-to_deliver_in_person = to deliver in person
deadline-kind-first_response = first response
deadline-kind-next_action = next action
review-status-pending = waiting for review
review-status-same = same person
review-status-different = different people
pathway-start = (start)
pathway-history = { $from } → { $to } by { $by }, { $when }
err-date-cannot-exist = This date does not exist: look at the day and the month. Correct it, or if it is written so on the documents, tick the box at the end of the form and send again.
err-date-future = This date is later than today. Correct it, or if it is written so on the documents, tick the box at the end of the form and send again.
err-phone = This does not look like a phone number: it needs 7 to 15 digits. Correct it, or keep it as written.
err-document = This does not look like a document number: letters and digits, at least four digits. Correct it, or keep it as written.
desk-confirm-warning = Check these with the person. If they are right as written, saving keeps them as written and marks them for a second look.
notif-grouped = Grouped by case and kind, newest first. Tick a line to mark all of it read.
notif-latest = Latest
notif-tick-group = Tick the whole line
notif-show-all = { $count ->
    [one] Show { $count }
   *[other] Show all { $count }
}
notif-kind-escalation = Deadline passed
notif-kind-mention = You were mentioned
notif-kind-task_assigned = A task for you
notif-kind-other = Other
case-owners-team = the owner's team
case-needed-to-close = needed to close
case-needed-to-close-reopen = needed to close or reopen
required = required
cases-bulk-title = With the ticked cases
cases-bulk-intro = One change for all of them, or none: if one case refuses, nothing changes and the page says which and why.
cases-bulk-assign = Assign to
cases-bulk-status = Change status to
cases-bulk-apply = Apply to the ticked cases
intake-asked-for = What they asked for
intake-people = People (the main person first; leave unused rows empty)
intake-household = Household name
intake-household-hint = optional, e.g. the family name as the requester writes it
intake-save = Save inquiry
sitrep-chart-flow = Daily inflow against closures, with the backlog
sitrep-chart-per-day = per day
sitrep-chart-backlog-axis = backlog (open cases)
sitrep-chart-inquiries = inquiries
sitrep-chart-new-cases = new cases
sitrep-chart-closures = closures
sitrep-chart-backlog-legend = backlog (right axis)
sitrep-chart-day = day (UTC)
sitrep-chart-age = How long open cases have been waiting
sitrep-chart-open-cases = open cases
sitrep-chart-waiting-axis = time waiting since the case was opened
sitrep-chart-flow-desc = From { $from } to { $to }: { $inquiries } inquiries, { $new } new cases and { $closures } closures; backlog { $backlog } at the end.
rule-partner-cannot-own = { $name } is a partner user and cannot own cases.
rule-user-inactive = { $name } is not active: choose someone who is.
rule-priority-reason = Overriding the priority needs a reason.
rule-team-without-lead = The team { $team } has no lead to own the case: choose an owner.
rule-case-closed = Case C-{ $n } is closed: reopen it first, or create a new case.
rule-nobody-to-move = Tick at least one person to move.
rule-move-within-case = People are moved to another case, not to the one they are on (C-{ $n }).
rule-in-bulk = Case C-{ $n } refused, so nothing was changed: { $why }
rule-referral-reason = A referral needs a reason: write it in the Why box.
rule-no-field-shared = Tick at least one thing to share with the partner.
rule-no-person-chosen = Tick at least one person to refer.
rule-evidence-content = Evidence needs a reference number or a note.
## documents

documents-title = Documents
documents-none = No documents yet.
document-kind = Kind
document-type = Type
document-size = Size
document-added-at = Added
document-scan = Malware scan
document-view = View
document-download = Download
document-file = File (JPEG, PNG, HEIC or PDF; up to { $n } MB)
document-attach = Attach document
document-added = The document was attached.
document-already-present = This file is attached already: it was not stored twice.
document-refused = The document was not attached:
document-scan-clean = clean
document-scan-infected = malware found: quarantined
document-scan-pending = not yet scanned: held
document-scan-none = not scanned (no scanner configured)
document-kind-tazkira = Tazkira
document-kind-passport = Passport
document-kind-com-letter = Chief of Mission letter
document-kind-employment-proof = Proof of employment
document-kind-i797 = I-797 notice
document-kind-unhcr-slip = UNHCR registration slip
document-kind-photo = Photo
document-kind-other = Other
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
upload-documents = { $count ->
    [one] { $count } attachment of an email was stored as a document of its request.
   *[other] { $count } attachments of emails were stored as documents of their requests.
}
inq-attachments-refused = Attachments not taken
request-files = Photos or scans of papers, if you have them (tazkira, passport, letters): JPEG, PNG, HEIC or PDF, up to { $mb } MB each, { $n } files at most. Where a photo was taken is removed from it.
request-files-again = Everything else you wrote is still here; please choose the files again.
err-file-too-large = A file is larger than the limit written above.
err-file-too-many = Too many files: see the limit written above.
err-file-type = Only photos (JPEG, PNG, HEIC) and PDF files can be sent.
err-file-unreadable = A file could not be read: it may be damaged. Please take the photo again.
err-file-malware = A file was refused because it may be harmful.
desk-files = The person's papers, scanned or photographed (optional): JPEG, PNG, HEIC or PDF, up to { $mb } MB each, { $n } files at most.
msg-number-blocked = blocked
msg-number-opted-out = asked for no more messages (STOP)
msg-block = Block this number
msg-unblock = Unblock this number
msg-block-reason = Reason
msg-block-refused = Only a team lead or an administrator can block or unblock a number.
msg-block-no-message = That message is not one of this case's.
msg-block-reason-needed = Say why the number is blocked.
msg-done-blocked = The number is blocked: its messages open nothing and nothing is sent to it.
msg-done-unblocked = The number is no longer blocked.

# Documents shared with referrals, and evidence backed by a document.
refer-documents = Documents to share
ref-documents = Documents shared
ref-document-download = Download
refuse-document-invalid = A document in the selection is not valid.
rule-document-not-on-case = Document { $doc } is not a document of case C-{ $n }, its people or its inquiries: it cannot be shared with this referral.
rule-document-held = Document { $doc } has not been found clean by the malware scanner yet, so it cannot be shared.
rule-evidence-document = Document { $doc } is not a document of this person or of a case they are on.
evidence-document = Document
evidence-document-none = (none)
evidence-document-link = Document { $doc }
