"""Corridor in a real browser: Debian's Chromium driven by Playwright (never a downloaded
browser), against a server the Rust test (browser.rs) started on loopback.

Journeys: the applicant on a 360x740 phone in Dari and in Pashto asks for help for a family and
checks the status; an Urdu reader opens the public pages; the clerk at the walk-in desk; the
officer's case page, in English and in Dari, on a laptop and on a phone; the officer's day in
Dari (a note, a task, a pathway, a referral, a reply); the lead's day in Urdu (the dashboard,
reassigning the case, closing it with an outcome, the situation report as printed). Each public
page and the case page is checked with axe-core; a serious or critical violation fails the run.
Screenshots go to SCREENSHOTS, one per journey step, named `<journey>-<n>-<step>.png`, and are
listed at the end.

Environment: BASE_URL, CHROMIUM, SCREENSHOTS, CASE_ID, PASSWORD, CLERK_TOTP, OFFICER_TOTP,
LEAD_TOTP, LEAD_ID.
Prints one line per page checked, and `AXE <page> <n> violations (<ids>)`.
"""

import base64
import hashlib
import hmac
import json
import os
import struct
import sys
import time

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

BASE = os.environ["BASE_URL"]
SHOTS = os.environ["SCREENSHOTS"]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
axe = Axe()
failures = []
shots = []


def totp(secret_b32):
    """RFC 6238, as corridor_web::totp: HMAC-SHA1, 30-second steps, six digits."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    step = int(time.time()) // 30
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def shot(page, name):
    path = os.path.join(SHOTS, f"{name}.png")
    page.screenshot(path=path, full_page=True)
    shots.append(path)


def check_axe(page, name):
    """No serious or critical accessibility violation on this page."""
    results = axe.run(page)
    violations = results.response["violations"]
    bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
    ids = ",".join(sorted(v["id"] for v in violations)) or "none"
    print(f"AXE {name} {len(violations)} violations ({ids}); serious or critical: {len(bad)}")
    for v in bad:
        nodes = "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
        failures.append(f"{name}: axe {v['id']} ({v['impact']}): {v['help']} at {nodes}")


def no_sideways_scroll(page, name):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    if width > viewport:
        failures.append(f"{name}: {width} px wide on a {viewport} px screen")


def direction(page, lang, dir_):
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", dir_)


def applicant(browser, locale, lang, texts, switch_to=None):
    """A family asks for help on a phone and checks the status, in `lang`."""
    context = browser.new_context(viewport=PHONE, locale=locale, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{BASE}/request")
    if switch_to:
        # The switch is plain links, named in their own language.
        page.get_by_role("link", name=switch_to, exact=True).click()
    direction(page, lang, "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(texts["title"])
    no_sideways_scroll(page, f"request-{lang}")
    shot(page, f"applicant-{lang}-1-request-phone")
    # What the phone shows first, for the README.
    page.screenshot(path=os.path.join(SHOTS, f"request-{lang}-phone-screen.png"))
    check_axe(page, f"/request ({lang})")

    page.fill("#f-given_name", texts["given"])
    page.fill("#f-father_name", texts["father"])
    page.fill("#f-date_of_birth", "۱۳۶۲")
    page.fill("#f-phone", "۰۷۰۱۲۳۴۵۶۷")
    page.fill("#f-location", texts["where"])
    page.fill("#f-needs", texts["needs"])
    page.fill("#f-given_name_1", texts["spouse"])
    page.select_option("#f-relationship_1", "spouse")
    page.fill("#f-given_name_2", texts["child"])
    page.select_option("#f-relationship_2", "child")
    page.fill("#f-date_of_birth_2", "1398")
    # A mistake: the email cannot be an address. The form comes back with everything kept.
    page.fill("#f-your_email", "not-an-email")
    page.get_by_role("button", name=texts["send"]).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(page.locator("#e-your_email")).to_have_text(texts["email_error"])
    expect(page.locator("#f-given_name_1")).to_have_value(texts["spouse"])
    expect(page.locator("#f-needs")).to_have_value(texts["needs"])
    no_sideways_scroll(page, f"request-{lang}-errors")
    shot(page, f"applicant-{lang}-2-mistake-kept-phone")
    check_axe(page, f"/request with errors ({lang})")

    # More people: the form comes back longer, still holding what was typed.
    page.fill("#f-your_email", "")
    page.get_by_role("button", name=texts["more"]).click()
    expect(page.locator("#f-given_name_5")).to_be_visible()
    expect(page.locator("#f-given_name_2")).to_have_value(texts["child"])
    page.fill("#f-given_name_3", texts["parent"])
    page.select_option("#f-relationship_3", "parent")
    page.get_by_role("button", name=texts["send"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(texts["done"])
    direction(page, lang, "rtl")
    expect(page.locator("#people")).to_contain_text("4")
    reference = page.locator("#reference").inner_text().strip()
    code = page.locator("#code").inner_text().strip()
    no_sideways_scroll(page, f"done-{lang}")
    shot(page, f"applicant-{lang}-3-received-phone")
    check_axe(page, f"request received ({lang})")

    page.goto(f"{BASE}/status")
    direction(page, lang, "rtl")
    page.fill("#f-reference", reference)
    page.fill("#f-code", code)
    page.get_by_role("button", name=texts["check"]).click()
    expect(page.locator("#status")).to_have_text(texts["received"])
    no_sideways_scroll(page, f"status-{lang}")
    shot(page, f"applicant-{lang}-4-status-phone")
    check_axe(page, f"/status ({lang})")
    print(f"applicant in {lang}: {reference} with 4 people, status {texts['received']}")
    context.close()


def urdu_reader(browser):
    """An Urdu reader in Pakistan: the public pages in Urdu, right to left, on a phone."""
    context = browser.new_context(viewport=PHONE, locale="ur-PK", is_mobile=True, has_touch=True)
    page = context.new_page()
    for path, heading in [("/request", "مدد کی درخواست"), ("/status", "درخواست کی صورتحال دیکھیں")]:
        page.goto(f"{BASE}{path}")
        direction(page, "ur", "rtl")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        no_sideways_scroll(page, f"{path} (ur)")
        shot(page, f"urdu-reader-{path.strip('/')}-phone")
        check_axe(page, f"{path} (ur)")
    print("urdu reader: the request form and status page in Urdu")
    context.close()


def sign_in(page, username, secret):
    page.goto(f"{BASE}/login?lang=en")
    check_axe(page, "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", os.environ["PASSWORD"])
    page.get_by_role("button", name="Sign in").click()
    page.fill("input[name=code]", totp(secret))
    page.locator("form button[type=submit]").first.click()
    # Signed in: the staff bar, whatever language the user's own setting puts the page in.
    expect(page.locator("#notifications")).to_be_attached()


def clerk(browser):
    context = browser.new_context(viewport=LAPTOP, locale="en-GB")
    page = context.new_page()
    sign_in(page, "clerk", os.environ["CLERK_TOTP"])
    page.goto(f"{BASE}/desk")
    check_axe(page, "/desk")
    page.fill("#f-given_name", "Hamid")
    # Enter in a one-line field saves nothing.
    page.press("#f-given_name", "Enter")
    page.wait_for_timeout(300)
    expect(page.get_by_role("heading", level=1)).to_have_text("Walk-in desk")
    expect(page.locator("#f-given_name")).to_have_value("Hamid")
    page.fill("#f-father_name", "Wahid")
    page.fill("#f-date_of_birth", "1365")
    page.select_option("#f-sex", "male")
    page.fill("#f-phone", "0799000111")
    page.select_option("#f-language", "prs")
    page.fill("#f-family", "Nadia, wife, 1990\nOmid, son, 2015")
    page.get_by_role("button", name="Review before saving").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before saving")
    expect(page.locator("#to-store")).to_contain_text("Hamid")
    expect(page.locator("#family")).to_contain_text("Nadia, wife, 1990")
    shot(page, "clerk-1-desk-review")
    check_axe(page, "/desk confirmation")
    page.get_by_role("button", name="Save and print receipt").click()
    direction(page, "prs", "rtl")
    expect(page.locator("#status-url")).to_have_text(f"{BASE}/status")
    expect(page.locator(".qr svg")).to_be_visible()
    reference = page.locator("#reference").inner_text()
    shot(page, "clerk-2-receipt-prs")
    check_axe(page, "desk receipt (prs)")
    print(f"clerk: walk-in saved as {reference}, receipt in Dari with the status address and QR")
    context.close()


def officer(browser):
    case = os.environ["CASE_ID"]
    context = browser.new_context(viewport=LAPTOP, locale="en-GB")
    page = context.new_page()
    sign_in(page, "officer", os.environ["OFFICER_TOTP"])
    page.goto(f"{BASE}/cases/{case}")
    shot(page, "officer-0-case-en")
    check_axe(page, "/cases/{id}")
    page.goto(f"{BASE}/cases/{case}?lang=prs")
    direction(page, "prs", "rtl")
    shot(page, "officer-0-case-prs")
    check_axe(page, "/cases/{id} (prs)")
    # On a phone the menu folds behind its switch and nothing scrolls sideways.
    page.set_viewport_size(PHONE)
    page.goto(f"{BASE}/cases/{case}?lang=en")
    menu = page.locator("nav.main")
    expect(menu).to_be_hidden()
    page.locator(".menu-label").click()
    expect(menu).to_be_visible()
    no_sideways_scroll(page, "case on a phone")
    shot(page, "officer-0-case-en-phone")
    page.goto(f"{BASE}/cases?open=1")
    no_sideways_scroll(page, "cases on a phone")
    shot(page, "officer-0-cases-en-phone")
    print(f"officer: case C-{case} in English and Dari, on a laptop and a phone")
    page.set_viewport_size(LAPTOP)
    officer_day(page, case)
    context.close()


def done(page, text):
    """The page the form came back to says what was done."""
    expect(page.locator(".notice").first).to_contain_text(text)


def send(page, form, step, said):
    """Sends `form` and checks the page it comes back to says what was done; a screenshot."""
    form.locator("button[type=submit]").click()
    done(page, said)
    shot(page, step)


def officer_day(page, case):
    """The officer's day on one case, in Dari: the switch keeps Dari as their own setting."""
    page.goto(f"{BASE}/cases/{case}?lang=prs")
    direction(page, "prs", "rtl")
    notes = page.locator(f"form[action='/cases/{case}/notes']")
    notes.locator("textarea[name=body]").fill("با خانواده تماس گرفتیم؛ فردا اسناد را می‌آورند.")
    notes.locator("input[name=contact]").check()
    send(page, notes, "officer-1-note-prs", "یادداشت افزوده شد")
    tasks = page.locator(f"form[action='/cases/{case}/tasks']")
    tasks.locator("input[name=body]").fill("نوبت دیالیز در پشاور را بپرسید")
    send(page, tasks, "officer-2-task-prs", "کار افزوده شد")
    pathway = page.locator("#pathway-form")
    pathway.locator("select[name=pathway]").select_option("unhcr_registration")
    send(page, pathway, "officer-3-pathway-prs", "مسیر به‌روز شد")
    refer = page.locator("#refer-form")
    refer.locator("input[name=field][value=names]").check()
    refer.locator("input[name=reason]").fill("نیاز به درمان فوری در پشاور")
    send(page, refer, "officer-4-referral-prs", "پرونده ارجاع شد")
    reply = page.locator(f"form[action='/cases/{case}/reply']")
    reply.locator("select[name=template]").select_option("referral_made")
    send(page, reply, "officer-5-reply-prs", "به هر درخواست‌کننده پاسخ داده شد")
    direction(page, "prs", "rtl")
    check_axe(page, "/cases/{id} after the officer's day (prs)")
    print(f"officer's day in Dari on C-{case}: note, task, pathway, referral, reply")


def lead_day(browser):
    """The lead's day, in Urdu: the dashboard, the case handed to themself and closed with an
    outcome, the situation report as it prints."""
    case = os.environ["CASE_ID"]
    context = browser.new_context(viewport=LAPTOP, locale="en-GB")
    page = context.new_page()
    sign_in(page, "lead", os.environ["LEAD_TOTP"])
    page.goto(f"{BASE}/dashboard?lang=ur")
    direction(page, "ur", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("ڈیش بورڈ")
    shot(page, "lead-1-dashboard-ur")
    check_axe(page, "/dashboard (ur)")
    page.goto(f"{BASE}/cases/{case}")
    # The setting chosen on the dashboard follows the lead to the next page.
    direction(page, "ur", "rtl")
    assign = page.locator(f"form[action='/cases/{case}/assign']")
    assign.locator("select[name=owner]").select_option(os.environ["LEAD_ID"])
    assign.locator("input[name=reason]").fill("افسر چھٹی پر ہیں")
    send(page, assign, "lead-2-reassigned-ur", "کیس کسی اور کو سونپ دیا گیا")
    status = page.locator("#status-form")
    status.locator("select[name=status]").select_option("closed")
    status.locator("select[name=outcome]").select_option("referred_elsewhere")
    status.locator("input[name=reason]").fill("شراکت دار ادارے نے علاج کا ذمہ لے لیا")
    send(page, status, "lead-3-closed-ur", "صورتحال بدل گئی")
    expect(page.locator("body")).to_contain_text("کہیں اور ریفر کیا گیا")
    check_axe(page, "/cases/{id} closed (ur)")
    page.goto(f"{BASE}/sitrep")
    direction(page, "ur", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("صورتحال کی رپورٹ")
    page.emulate_media(media="print")
    # Printed, the menu and the period form are gone; the figures stay.
    expect(page.locator("header.bar")).to_be_hidden()
    expect(page.locator("#sr-headline")).to_be_visible()
    shot(page, "lead-4-sitrep-print-ur")
    pdf = os.path.join(SHOTS, "lead-4-sitrep-ur.pdf")
    page.pdf(path=pdf, format="A4")
    shots.append(pdf)
    print(f"lead's day in Urdu: dashboard, C-{case} reassigned and closed, sitrep printed")
    context.close()


DARI = {
    "title": "درخواست کمک",
    "given": "پروانه",
    "father": "عبدالغفار",
    "where": "پشاور",
    "needs": "ما چهار نفر هستیم و در پشاور منتظریم.",
    "spouse": "احمد",
    "child": "نادیه",
    "parent": "گل‌بی‌بی",
    "send": "فرستادن درخواست",
    "more": "افزودن اشخاص بیشتر",
    "email_error": "این آدرس ایمیل درست به نظر نمی‌رسد. آن را درست کنید یا خالی بگذارید.",
    "done": "درخواست رسید",
    "check": "ببینید",
    "received": "رسیده",
}
PASHTO = {
    "title": "د مرستې غوښتنه",
    "given": "ګلالۍ",
    "father": "عبدالرحمن",
    "where": "کوټه",
    "needs": "موږ څلور کسان یو او په کوټه کې انتظار باسو.",
    "spouse": "ځلمی",
    "child": "ملالۍ",
    "parent": "ګل‌بانو",
    "send": "غوښتنه ولېږئ",
    "more": "نور کسان ور زیات کړئ",
    "email_error": "دا برېښنالیک سم نه ښکاري. سم یې کړئ یا یې خالي پرېږدئ.",
    "done": "غوښتنه ترلاسه شوه",
    "check": "وګورئ",
    "received": "ترلاسه شوې",
}

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ["CHROMIUM"], args=["--no-sandbox"])
    applicant(browser, "fa-AF", "prs", DARI)
    applicant(browser, "en-US", "ps", PASHTO, switch_to="پښتو")
    urdu_reader(browser)
    clerk(browser)
    officer(browser)
    lead_day(browser)
    browser.close()

print("SCREENSHOTS (CI artifacts):")
for path in shots:
    print(f"  {path}")
if failures:
    print("FAILURES:\n" + "\n".join(failures))
    sys.exit(1)
print("all journeys passed")
