"""The HTML report in a real browser: headless Chromium driven by Selenium.

Opens the report of the sample, finds the highlighted cells of known findings,
clicks a finding and checks that the page scrolled to it, and keeps a screenshot
in tests/artifacts/ (gitignored) for people to look at. Needs Debian's chromium and
chromium-driver (.ci/run installs them): skipped without them, except in CI where a
missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import cli

from .conftest import ROOT, SAMPLE

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)


@pytest.fixture()
def browser(tmp_path: Path):  # type: ignore[no-untyped-def]
    if not (CHROMIUM and CHROMEDRIVER):
        message = "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def _report(tmp_path: Path) -> Path:
    report = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["--format", "html", "--output-file", str(report), str(SAMPLE)])
    assert result.exit_code == 1, result.output
    return report


def test_report_highlights_and_scrolls(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(_report(tmp_path).as_uri())
    assert browser.execute_script("return document.characterSet") == "UTF-8"
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0  # self-contained

    # The two impossible dates of the performance form (line 450) are highlighted cells,
    # with the message beside their row.
    cells = browser.find_elements(By.CSS_SELECTOR, "#L0-450 td.hit.sev-error")
    assert [c.text for c in cells] == ["2023年11月31日", "2023年11月31日"]
    notes = browser.find_element(By.CSS_SELECTOR, "#L0-450 td.notes").text
    assert notes.count("日期“2023年11月31日”不存在") == 2
    # The draft watermark (BL502, line 3) is marked in the text.
    assert browser.find_element(By.CSS_SELECTOR, "#L0-3 mark.sev-warning").text == "仅供内部审核"

    # Clicking the finding scrolls its cell into view.
    assert browser.execute_script("return window.scrollY") == 0
    target = cells[0].get_attribute("id")
    link = browser.find_element(By.CSS_SELECTOR, f"a.goto[data-target='{target}']")
    assert "450:14" in link.text
    link.click()
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return window.scrollY") > 1000)
    top, bottom, height = browser.execute_script(
        "var r=arguments[0].getBoundingClientRect();return [r.top,r.bottom,window.innerHeight];", cells[0]
    )
    assert 0 <= top and bottom <= height
    assert "flash" in (cells[0].get_attribute("class") or "")
    assert browser.current_url.endswith("#" + target)

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-report-sample.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


_ERROR_RED = (0xB7, 0x1C, 0x1C)  # --err: error headings, markers and notes


def _red_pixels(browser, png: bytes) -> int:  # type: ignore[no-untyped-def]
    """Pixels of the window drawn in the error colour (within anti-aliasing tolerance), below
    the filter bar (whose error switch is red whatever the filter)."""
    import io

    from PIL import Image

    bar, scale = browser.execute_script(
        "return [document.getElementById('filters').getBoundingClientRect().bottom, window.devicePixelRatio];"
    )
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.crop((0, int((bar + 2) * scale), image.width, image.height))
    return sum(
        1
        for pixel in image.get_flattened_data()
        if all(abs(channel - want) <= 12 for channel, want in zip(pixel, _ERROR_RED, strict=True))
    )


def test_report_filters_by_severity_rule_and_document(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    clean = tmp_path / "clean.txt"
    clean.write_text("一、说明\n本单位无其他事项。\n本文件为部门预算。\n", encoding="utf-8")
    report = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli, ["--format", "html", "--isolated", "--output-file", str(report), str(SAMPLE), str(clean)]
    )
    assert result.exit_code == 1, result.output
    browser.get(report.as_uri())

    def shown(selector: str) -> list[str]:
        return [
            e.get_attribute("data-rule") or ""
            for e in browser.find_elements(By.CSS_SELECTOR, selector)
            if e.is_displayed()
        ]

    # The header says what made the report; infos and the clean document start folded.
    facts = browser.find_element(By.CSS_SELECTOR, "dl.run").text
    assert (
        "budgetlint " in facts and "UTC" in facts and "shanxi-municipal-unit-budget" in facts and "--isolated" in facts
    )
    assert not browser.find_element(By.CSS_SELECTOR, "#doc-0 details.sev-group[data-sev='info']").get_attribute("open")
    assert not browser.find_element(By.CSS_SELECTOR, "#doc-1 details.src").get_attribute("open")
    assert browser.find_element(By.CSS_SELECTOR, "#doc-0 details.src").get_attribute("open")

    findings = browser.find_element(By.CSS_SELECTOR, "#doc-0 .findings")
    errors = shown("#doc-0 li[data-sev='error']")
    warnings = shown("#doc-0 li[data-sev='warning']")
    assert errors and warnings
    browser.execute_script("arguments[0].scrollIntoView({block:'start'})", findings)
    before = _red_pixels(browser, browser.get_screenshot_as_png())

    # Switch errors off: every error finding and note is hidden, the warnings stay.
    browser.find_element(By.CSS_SELECTOR, "#filters input[data-sev='error']").click()
    assert shown("#doc-0 li[data-sev='error']") == [] and shown("#doc-0 .note[data-sev='error']") == []
    assert shown("#doc-0 li[data-sev='warning']") == warnings
    assert not browser.find_element(By.CSS_SELECTOR, "#doc-0 details.sev-group[data-sev='error']").is_displayed()
    # The clean document has nothing left to show while filtering.
    assert not browser.find_element(By.ID, "doc-1").is_displayed()
    browser.execute_script("arguments[0].scrollIntoView({block:'start'})", findings)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-report-filtered.png"
    assert browser.save_screenshot(str(shot))
    after = _red_pixels(browser, browser.get_screenshot_as_png())
    assert before > 50 and after == 0, (before, after)  # the screenshot shows the errors gone

    # One rule: only its findings; then one document: the other one is hidden.
    browser.find_element(By.CSS_SELECTOR, "#filters input[data-sev='error']").click()
    rule = warnings[0]
    Select(browser.find_element(By.ID, "f-rule")).select_by_value(rule)
    assert set(shown("#doc-0 li[data-sev]")) == {rule}
    assert [
        r.get_attribute("data-rule")
        for r in browser.find_elements(By.CSS_SELECTOR, "table.rules tr[data-rule]")
        if r.is_displayed()
    ] == [rule]
    Select(browser.find_element(By.ID, "f-rule")).select_by_value("")
    # A click on a row of the rule table filters by that rule; a second click undoes it.
    errors_rule = browser.find_element(By.CSS_SELECTOR, f"table.rules tr[data-rule='{errors[0]}']")
    browser.execute_script("arguments[0].scrollIntoView({block:'center'})", errors_rule)
    errors_rule.click()
    assert set(shown("#doc-0 li[data-sev]")) == {errors[0]}
    errors_rule.click()
    assert shown("#doc-0 li[data-sev='error']") == errors and shown("#doc-0 li[data-sev='warning']") == warnings
    Select(browser.find_element(By.ID, "f-doc")).select_by_value("1")
    assert (
        not browser.find_element(By.ID, "doc-0").is_displayed() and browser.find_element(By.ID, "doc-1").is_displayed()
    )
    assert [
        r.get_attribute("data-doc")
        for r in browser.find_elements(By.CSS_SELECTOR, "table.index tr[data-doc]")
        if r.is_displayed()
    ] == ["1"]
