#!/usr/bin/env python3
"""The page in a real browser: Debian's chromium and chromedriver, driven by python3-selenium.

Starts `motcua serve --port 0`, picks a ward by typing its name without diacritics, removes a
counter, changes the closing policy and the balking thresholds (and sees a wrong overtime cap
refused with the loader's message), runs the comparison, and reads the verdict, a chart and the
balking the new thresholds caused from the page. CTest label
"browser" (tests/CMakeLists.txt); CI runs it from .ci/quickstart.

    /usr/bin/python3 tests/serve/browser_test.py --motcua build/sim/motcua [--screenshots DIR]
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000"]


def start_server(motcua):
    server = subprocess.Popen([motcua, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    match = re.search(r"http://[0-9.]+:\d+/", line)
    if not match:
        server.kill()
        sys.exit(f"motcua serve did not print its address: {line!r}")
    return server, match.group(0)


def start_browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def set_number(driver, element_id, value):
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(str(value), Keys.TAB)


def set_text(driver, element_id, value):
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(value, Keys.TAB)


def edit_closing_and_balking(driver, wait):
    """The newer center keys: closing policy, overtime cap, balking thresholds."""
    Select(driver.find_element(By.ID, "closing")).select_by_value("send_home")
    assert "hẹn quay lại" in driver.find_element(By.ID, "closing-hint").text
    # A cap the loader cannot read is refused with the loader's own message, key and line.
    set_text(driver, "overtime-cap", "8 giờ tối")
    problems = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#problems li")))
    assert "'policy.overtime_cap'" in problems.text and "HH:MM" in problems.text, problems.text
    set_text(driver, "overtime-cap", "20:00")
    wait.until(ec.visibility_of_element_located((By.ID, "check-ok")))
    # Everyone leaves from 2 tickets waiting, half from 1: many more balk than in the current layout.
    if not driver.find_element(By.ID, "balking-on").is_selected():
        driver.find_element(By.ID, "balking-on").click()
    set_text(driver, "balk-start", "1")
    set_text(driver, "balk-full", "2")
    wait.until(ec.visibility_of_element_located((By.ID, "check-ok")))


def tick_policies(driver):
    """An overlay with two tables (youth volunteers: volunteers and a 10 % online shift) shares
    the online_shift table with the 20 % online shift: the boxes show what the layout holds."""
    def box(key):
        return driver.find_element(By.CSS_SELECTOR, f"#policies input[data-policy='{key}']")
    box("youth_volunteers").click()
    assert box("youth_volunteers").is_selected() and not box("online_shift").is_selected()
    box("online_shift").click()  # its 20 % replaces the volunteers' 10 %
    assert box("online_shift").is_selected() and not box("youth_volunteers").is_selected()
    box("online_shift").click()  # removes the online shift, keeps [policies.volunteers]
    assert not box("online_shift").is_selected() and not box("youth_volunteers").is_selected()
    box("youth_volunteers").click()
    box("youth_volunteers").click()  # unticked: the layout is back to no policy
    assert not any(b.is_selected() for b in driver.find_elements(By.CSS_SELECTOR, "#policies input"))


def check_page(driver, url, screenshots):
    wait = WebDriverWait(driver, 30)
    driver.get(url)
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Thử bố trí bộ phận một cửa"

    # Pick Dĩ An by typing its name without diacritics.
    driver.find_element(By.ID, "unit-search").send_keys("di an")
    choice = wait.until(ec.element_to_be_clickable(
        (By.XPATH, "//button[contains(@class,'unit-choice') and contains(., 'Dĩ An')]")))
    choice.click()
    wait.until(ec.visibility_of_element_located((By.ID, "check-ok")))
    assert "Dĩ An" in driver.find_element(By.ID, "scenario-name").text
    counters = driver.find_elements(By.CSS_SELECTOR, "#counters .counter")

    # Remove the second counter (and the officers seated at it); the loader still accepts it.
    removed = counters[1].get_attribute("data-counter")
    counters[1].find_element(By.CSS_SELECTOR, ".remove-counter").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#counters .counter")) == len(counters) - 1)
    assert removed in driver.find_element(By.ID, "form-note").text
    edit_closing_and_balking(driver, wait)
    tick_policies(driver)
    set_number(driver, "days", 3)
    set_number(driver, "replications", 3)
    wait.until(ec.visibility_of_element_located((By.ID, "check-ok")))
    wait.until(ec.element_to_be_clickable((By.ID, "run"))).click()

    WebDriverWait(driver, 240).until(ec.visibility_of_element_located((By.ID, "results")))
    verdict = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#verdict li")]
    assert verdict, "no verdict sentence"
    print("verdict:", *verdict, sep="\n  ")
    wait_line = [v for v in verdict if v.startswith("Thời gian chờ trung bình của người được phục vụ")]
    assert wait_line, "no verdict on the wait of those served"
    assert re.search(r"\d,\d", wait_line[0]), "numbers must use decimal commas"

    # The queue through the day: two lines with points, and pixels drawn on the canvas.
    lengths = driver.execute_script(
        "const c = Chart.getChart('chart-queue'); return c.data.datasets.map(d => d.data.length);")
    assert len(lengths) == 2 and min(lengths) > 0, lengths
    peak = driver.execute_script(
        "return Math.max(...Chart.getChart('chart-queue').data.datasets[0].data);")
    assert peak > 0, "nobody waits in the chart"
    inked = driver.execute_script("""
        const c = document.getElementById('chart-queue');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++; return n;""")
    assert inked > 1000, f"the chart canvas is nearly blank ({inked} pixels)"
    rows = driver.find_elements(By.CSS_SELECTOR, "#changes tbody tr")
    assert len(rows) > 5, "the table of changes is empty"
    # In how many of the 3 paired runs the new layout was better / equal / worse.
    shares = driver.find_element(
        By.CSS_SELECTOR, "#changes tr[data-metric='service_level'] td.shares").text
    counts = re.fullmatch(r"(\d+) / (\d+) / (\d+)", shares)
    assert counts and sum(map(int, counts.groups())) == 3, shares

    # The run reflects the new balking thresholds: the current layout's thresholds (40 and 160
    # tickets) are never reached, so in each of the 3 paired runs more citizens balk with the
    # new ones ("better / equal / worse" = 0 / 0 / 3).
    balked = driver.find_element(By.CSS_SELECTOR, "tr[data-metric='balked']")
    shares = balked.find_element(By.CSS_SELECTOR, "td.shares").get_attribute("textContent")
    assert shares == "0 / 0 / 3", balked.get_attribute("outerHTML")

    # The report of this run, made on the server and linked from the page: a Vietnamese page.
    driver.find_element(By.ID, "make-report").click()
    link = WebDriverWait(driver, 240).until(ec.visibility_of_element_located((By.ID, "download-report")))
    report = driver.execute_script(
        "const r = await fetch(arguments[0]); return [r.status, await r.text()];",
        link.get_attribute("href"))
    assert report[0] == 200 and "<html" in report[1] and 'lang="vi"' in report[1], report[0]

    if screenshots:
        # The whole page in one window, then the form and the results as separate pictures.
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1400, min(height + 40, 8000))
        driver.execute_script("window.scrollTo(0, 0)")
        for name, element in [("serve_form.png", "layout"), ("serve_results.png", "results")]:
            path = f"{screenshots}/{name}"
            # Selenium returns False (it does not raise) when it cannot write the file.
            assert driver.find_element(By.ID, element).screenshot(path), f"cannot write {path}"
            print("screenshot:", path)

    # The English switch, and back.
    driver.find_element(By.ID, "lang").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Try a one-stop center layout"
    driver.find_element(By.ID, "lang").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Thử bố trí bộ phận một cửa"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--motcua", required=True)
    parser.add_argument("--screenshots", metavar="DIR", help="save serve_form.png and serve_results.png here")
    args = parser.parse_args()
    server, url = start_server(args.motcua)
    profile = tempfile.mkdtemp(prefix="motcua-chromium-")
    driver = None
    try:
        driver = start_browser(profile)
        check_page(driver, url, args.screenshots)
        print("ok: the page picked Dĩ An, removed a counter, ran and showed the verdict and charts")
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
