"""The site in a real browser: the app is served by Werkzeug's server in a thread of this
process, and headless Chromium, driven by Selenium, uses it as a person would."""
import os
import shutil
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as shows
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from app import create_app, db
from app.models import Role, User


@pytest.fixture(scope='module')
def browser():
    chrome = os.environ.get('CHROME_BIN') or shutil.which('chromium') \
        or shutil.which('google-chrome')
    driver = os.environ.get('CHROMEDRIVER') or shutil.which('chromedriver')
    if not (chrome and driver):
        pytest.skip('Chromium and chromedriver are not installed '
                    '(Debian, Ubuntu: sudo apt-get install chromium chromium-driver)')
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    options.add_argument('--headless=new')
    options.add_argument('--no-sandbox')          # needed when the tests run as root
    # The tests reach no other site: avatars from gravatar.com fail at once.
    options.add_argument('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1')
    # The driver's path is given, so Selenium never tries to download one.
    browser = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    yield browser
    browser.quit()


@pytest.fixture(scope='module')
def site(settings, tmp_path_factory):
    """The address of the app served on a free port, with John's account in its database.
    The database is a file: the server answers the browser's requests in threads, at the
    same time, and each needs a connection of its own (an in-memory database is one
    connection, shared)."""
    database = tmp_path_factory.mktemp('site') / 'app.db'
    app = create_app('testing', {**settings, 'SQLALCHEMY_DATABASE_URI': f'sqlite:///{database}'})
    with app.app_context():
        db.create_all()
        Role.insert_roles()
        john = User(username='john', email='john@example.com', confirmed=True)
        john.set_password('cat')
        db.session.add(john)
        db.session.commit()
    server = make_server('127.0.0.1', 0, app, threaded=True)
    # serve_forever() looks every poll_interval seconds whether shutdown() was called.
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05})
    thread.start()
    yield f'http://127.0.0.1:{server.server_port}'
    server.shutdown()          # serve_forever() returns, and the thread ends
    thread.join()
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def test_sign_in_and_write_a_post(browser, site):
    # A click starts loading the next page; each check waits (up to 5 s) until it shows.
    wait = WebDriverWait(browser, 5)
    browser.get(site + '/login')
    browser.find_element(By.NAME, 'email').send_keys('john@example.com')
    browser.find_element(By.NAME, 'password').send_keys('cat')
    browser.find_element(By.NAME, 'submit').click()
    wait.until(shows.text_to_be_present_in_element((By.TAG_NAME, 'h1'), 'Hi, john!'))

    browser.find_element(By.NAME, 'body').send_keys('Written in a real browser')
    # The preview fills in above the button and pushes it down: a click sent while it
    # moves can miss it. So he waits until the preview shows the post, as a person would.
    wait.until(shows.text_to_be_present_in_element((By.CLASS_NAME, 'preview'),
                                                   'Written in a real browser'))
    browser.find_element(By.NAME, 'submit').click()
    wait.until(shows.text_to_be_present_in_element((By.CLASS_NAME, 'posts'),
                                                   'Written in a real browser'))
