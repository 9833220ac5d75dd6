"""Browser stories: a real server in a thread, headless Chromium, and a visitor who uses both."""
import os
import shutil
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from selenium import webdriver
from selenium.common.exceptions import (NoSuchElementException, TimeoutException,
                                        WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from werkzeug.serving import make_server

from shared.required import missing

INSTALL_HINT = ('install Chromium and its driver (Debian/Ubuntu: '
                'sudo apt-get install chromium chromium-driver), or point CHROME_BIN '
                'and CHROMEDRIVER at them')


def pytest_addoption(parser):
    parser.getgroup('course').addoption(
        '--screenshots', metavar='DIR',
        help="save the browser stories' screenshots in DIR, named NAME-SNAPSHOT.png")


def find_browser():
    """Chromium and chromedriver: from CHROME_BIN and CHROMEDRIVER, or from the PATH.

    Chromium's headless shell (Debian's chromium-headless-shell) comes first where it is
    installed: the same browser engine without the parts of a browser that has windows,
    it does a story with half the work. Without it, the stories run in Chromium itself."""
    chrome = os.environ.get('CHROME_BIN') or shutil.which('chromium-headless-shell') \
        or shutil.which('chromium') or shutil.which('chromium-browser') \
        or shutil.which('google-chrome')
    driver = os.environ.get('CHROMEDRIVER') or shutil.which('chromedriver')
    found = [path if path and os.access(path, os.X_OK) else None for path in (chrome, driver)]
    return tuple(found)


@pytest.fixture(scope='session')
def browser_installed():
    """Chromium's and chromedriver's paths. Where they are missing, the test is skipped,
    or fails with E2E_REQUIRED=1."""
    chrome, driver = find_browser()
    if not (chrome and driver):
        missing(f'no browser for the e2e stories: {INSTALL_HINT}', 'E2E_REQUIRED')
    return chrome, driver


@pytest.fixture(scope='session')
def chromium(browser_installed, pytestconfig):
    chrome, driver = browser_installed
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for argument in ('--headless=new', '--no-sandbox', '--disable-gpu',
                     '--disable-dev-shm-usage', '--disable-background-networking',
                     '--disable-component-update', '--disable-sync', '--no-first-run',
                     '--window-size=1024,768',
                     # One renderer process for every page, and no images (the only
                     # ones are avatars from elsewhere): less work for each story.
                     '--disable-site-isolation-trials', '--renderer-process-limit=1',
                     # A new page takes over the frame of the page before, and nothing
                     # is kept for the Back button (no story presses it): loading a page
                     # is then about half the browser's work it was.
                     '--disable-features=Translate,OptimizationHints,MediaRouter,'
                     'IsolateOrigins,site-per-process,RenderDocument,BackForwardCache,'
                     'ProactivelySwapBrowsingInstance',
                     '--blink-settings=imagesEnabled=false',
                     '--disable-threaded-animation',
                     # Only the test's own server is reachable: any other host (an avatar
                     # from gravatar.com) fails at once instead of holding up the page.
                     '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'):
        options.add_argument(argument)
    if not pytestconfig.getoption('screenshots'):
        # Each page is composited on its renderer's main thread, not handed to a thread
        # of its own for every frame: an eighth less work. A screenshot waits for a frame
        # from that thread, though, and never gets one: not when screenshots are taken.
        options.add_argument('--disable-threaded-compositing')
    # An explicit driver path: Selenium Manager never looks for a download.
    browser = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    yield browser
    # The browser closes itself first: quit() ends chromedriver, which ends the process it
    # started, and Debian's chromium-headless-shell is a script that starts the browser
    # as a child of its own, which would live on.
    try:
        browser.execute_cdp_cmd('Browser.close', {})
    except WebDriverException:
        pass                # the browser was gone before it could answer, as it should be
    browser.quit()


@pytest.fixture
def browser(chromium):
    """Headless Chromium with no cookies left from an earlier story."""
    chromium.execute_cdp_cmd('Network.clearBrowserCookies', {})
    return chromium


class ServerThread(threading.Thread):
    """A real HTTP server in a thread of this process, serving the current test's app.

    A thread, not a process: it shares the in-memory database with the test and
    works under any multiprocessing start method. Each connection has a thread
    (Chromium opens spare ones and leaves them idle), but the app handles one
    request at a time, so requests never interleave on SQLite's one in-memory
    connection.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.app = None
        self.lock = threading.Lock()
        self.server = make_server('127.0.0.1', 0, self.serve, threaded=True)
        self.url = f'http://127.0.0.1:{self.server.server_port}'

    def serve(self, environ, start_response):
        with self.lock:
            response = self.app(environ, start_response)
            try:
                return list(response)
            finally:
                if hasattr(response, 'close'):
                    response.close()

    def serving(self, app):
        """From now on (after the request in progress), requests go to app."""
        with self.lock:
            self.app = app

    def run(self):
        # stop() waits for the loop to look again: every 50 ms, not Python's 500.
        self.server.serve_forever(poll_interval=0.05)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope='session')
def _server_thread():
    server = ServerThread()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_site(app, _server_thread):
    """The base URL of the test's app served over real HTTP, with a fresh database."""
    _server_thread.serving(app)
    yield _server_thread.url
    _server_thread.serving(None)


# Each step below is one script, one round trip to the browser, where WebDriver's own
# commands would take several (finding, checking, clicking, reading): steps are most of
# what a story costs.

# Which page this is: every page a browser loads starts a clock of its own.
THIS_PAGE = 'return performance.timeOrigin'

# Click where a person could click: an enabled element, on screen, not covered by
# another one. The element is found by CSS selector, or for a link by its text. Nothing
# is clicked if the page is no longer the one the step began on: an earlier try did it.
CLICK_IF_USABLE = '''
    const [page, how, what] = arguments;
    if (performance.timeOrigin !== page) return true;
    const element = how === 'css' ? document.querySelector(what) :
        Array.from(document.querySelectorAll('a')).find(a => a.innerText.trim() === what);
    if (!element || element.disabled) return false;
    element.scrollIntoView({block: 'center'});
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const under = document.elementFromPoint(box.left + box.width / 2,
                                            box.top + box.height / 2);
    if (!element.contains(under)) return false;
    element.click();
    return true;
'''

NEXT_PAGE_LOADED = '''
    return performance.timeOrigin !== arguments[0] && document.readyState === 'complete';
'''

# The field of that name under the cursor, and empty, ready for text; false if the
# page has no such field or it cannot take focus.
FOCUS_AND_EMPTY = '''
    const field = document.querySelector(`[name="${arguments[0]}"]`);
    if (!field) return false;
    field.focus();
    field.value = '';
    return document.activeElement === field;
'''

class Visitor:
    """A person at the browser: goes to pages, types, presses, and reads."""

    WAIT = 5  # seconds; pages come from this machine
    POLL = 0.02  # seconds between tries: a page here is ready in milliseconds

    def __init__(self, browser, site, screenshots, snapshot_name, red_first=False):
        self.browser = browser
        self.site = site
        self.screenshots = screenshots
        self.snapshot_name = snapshot_name
        # On a chapter's starting snapshot the stories are meant to fail: a step gives
        # up as soon as the page has loaded without what it looks for.
        self.red_first = red_first

    def goes_to(self, path):
        self.browser.get(self.site + path)

    def opens(self, address):
        """Open a whole address, as from a link in an e-mail."""
        assert address.startswith(self.site), f'{address} is not on this site ({self.site})'
        self.browser.get(address)

    def fills_in(self, field, text):
        """Put text in the field, as pasting it would: the page sees the same input
        events as for typing (a live preview updates), without a round trip to the
        browser for every key."""
        def type_text(browser):
            if not browser.execute_script(FOCUS_AND_EMPTY, field):
                return False
            browser.execute_cdp_cmd('Input.insertText', {'text': text})
            return browser.execute_script('return document.activeElement.value') == text
        self.keeps_looking(type_text, f'type into {field!r}')

    def ticks(self, field):
        def tick(browser):
            box = browser.find_element(By.NAME, field)
            if not box.is_selected():
                box.click()
            return box.is_selected()
        self.keeps_looking(tick, f'tick {field!r}')

    def chooses(self, field, label):
        """Pick the option that says label from the list named field."""
        def choose(browser):
            options = Select(browser.find_element(By.NAME, field))
            options.select_by_visible_text(label)
            return options.first_selected_option.text == label
        self.keeps_looking(choose, f'choose {label!r} from {field!r}')

    def presses(self, label):
        self.clicks_and_waits_for_next_page('css', f'input[type=submit][value="{label}"]')

    def follows_link(self, text):
        self.clicks_and_waits_for_next_page('link', text)

    def clicks_and_waits_for_next_page(self, how, what):
        page = self.keeps_trying(lambda browser: browser.execute_script(THIS_PAGE),
                                 'find the page')
        self.keeps_looking(lambda browser: browser.execute_script(CLICK_IF_USABLE, page,
                                                                  how, what),
                           f'click {what!r}')
        self.keeps_trying(lambda browser: browser.execute_script(NEXT_PAGE_LOADED, page),
                          f'load the next page after clicking {what!r}')

    @staticmethod
    def page_has_loaded(browser):
        return browser.execute_script('return document.readyState') == 'complete'

    def keeps_trying(self, action, what):
        """Do action until it returns something true. Until then the page may still be
        drawing, or being replaced, which Chromium reports as an error of its own."""
        try:
            return WebDriverWait(self.browser, self.WAIT, poll_frequency=self.POLL,
                                 ignored_exceptions=(WebDriverException,)).until(action)
        except TimeoutException as timeout:
            raise AssertionError(f'could not {what} in {self.WAIT} s ({timeout.msg})') from None

    def keeps_looking(self, action, what):
        """keeps_trying() for a step that looks for something on the page: on a starting
        snapshot it stops once the page has loaded and still lacks it."""
        if not self.red_first:
            return self.keeps_trying(action, what)

        def look(browser):
            loaded = self.page_has_loaded(browser)
            try:
                found = action(browser)
            except WebDriverException:
                found = False
            if not found and loaded:
                raise AssertionError(f'could not {what}: the page has loaded without it')
            return found
        return self.keeps_trying(look, what)

    def signs_in(self, username, password='correct horse'):
        """Sign in as username, with the e-mail address register() gave them where the
        form asks for one (from chapter 8 on)."""
        self.goes_to('/login')
        if self.browser.find_elements(By.NAME, 'email'):
            self.fills_in('email', f'{username}@example.com')
        else:
            self.fills_in('username', username)
        self.fills_in('password', password)
        self.presses('Sign In')

    def page_text(self, within='body'):
        """The text the page shows (or the part the CSS selector within picks), as a
        person reads it."""
        text = self.browser.execute_script(
            'return document.querySelector(arguments[0])?.innerText', within)
        if text is None:
            raise NoSuchElementException(f'nothing on the page matches {within!r}')
        return text

    def sees(self, text, within='body'):
        """Wait until the page (or the part that the CSS selector within picks) shows text."""
        try:
            self.keeps_looking(lambda _: text in self.page_text(within), f'see {text!r}')
        except AssertionError:
            where = 'the page' if within == 'body' else f'the page\'s {within}'
            raise AssertionError(f'expected to see {text!r}; {where} says: '
                                 f'{self.page_text(within)[:200]!r}') from None

    def does_not_see(self, text):
        assert text not in self.page_text(), f'did not expect to see {text!r}'

    def field_value(self, field):
        return self.browser.find_element(By.NAME, field).get_attribute('value')

    def takes_screenshot(self, name, of=None):
        """Saved as DIR/NAME-SNAPSHOT.png when pytest runs with --screenshots DIR: the
        window, or the part of the page that the CSS selector `of` picks."""
        if self.screenshots:
            folder = Path(self.screenshots)
            folder.mkdir(parents=True, exist_ok=True)
            path = str(folder / f'{name}-{self.snapshot_name}.png')
            if of:
                self.browser.find_element(By.CSS_SELECTOR, of).screenshot(path)
            else:
                self.browser.save_screenshot(path)


@pytest.fixture
def visitor(browser, live_site, snapshot, pytestconfig):
    return Visitor(browser, live_site, pytestconfig.getoption('screenshots'),
                   snapshot.path.name, red_first=pytestconfig.course.start)


@pytest.fixture
def register(visitor, app, db, models):
    """register('susan'): sign up through the registration page. From chapter 8 on the
    site asks a new user to confirm their address by e-mail (chapter 8's own stories show
    a person doing it); here the address counts as confirmed, as for make_user()."""
    def register(username, password='correct horse', person=visitor):
        person.goes_to('/register')
        person.fills_in('username', username)
        person.fills_in('email', f'{username}@example.com')
        person.fills_in('password', password)
        person.fills_in('password2', password)
        person.presses('Register')
        person.sees('Congratulations, you are now a registered user!')
        if hasattr(models.User, 'confirmed'):
            with app.app_context():
                db.session.execute(sa.update(models.User).where(
                    models.User.username == username).values(confirmed=True))
                db.session.commit()
    return register
