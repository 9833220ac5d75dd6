"""A real SMTP server (aiosmtpd) on a free loopback port, keeping what it receives (or,
for a test that asks, refusing it).

One server runs for the whole pytest process. The app under test finds it the way a
person's app finds theirs, through MAIL_SERVER and MAIL_PORT (see harness.py), and the
production-mode servers are told the same in their environment.
"""
import email
import re
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

from shared.net import free_port


@dataclass
class Received:
    sender: str
    recipients: list
    message: email.message.Message

    def part(self, content_type):
        """The text of the message's text/plain or text/html part, or None."""
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return part.get_payload(decode=True).decode(part.get_content_charset('utf-8'))
        return None

    @property
    def links(self):
        """The addresses in the plain-text part, in the order a reader meets them."""
        return re.findall(r'https?://\S+', self.part('text/plain') or '')


def wait_for_mail_in_flight():
    """Wait for the threads that are still sending e-mail. The app sends from threads of
    its own; every thread the tests start (servers, the SMTP server) is a daemon thread."""
    for thread in threading.enumerate():
        if not thread.daemon and thread is not threading.main_thread() \
                and thread is not threading.current_thread():
            thread.join(timeout=30)


@dataclass
class Inbox:
    host: str
    port: int
    received: list = field(default_factory=list)
    refusal: str = None     # while set, the server's answer to every message it is sent

    @property
    def messages(self):
        """What the server has received, once every message still on its way is in."""
        wait_for_mail_in_flight()
        return list(self.received)

    def message_to(self, address):
        """The last message sent to address, or None."""
        return next((mail for mail in reversed(self.messages) if address in mail.recipients),
                    None)

    @property
    def settings(self):
        """The environment that sends an app's e-mail here."""
        return {'MAIL_SERVER': self.host, 'MAIL_PORT': str(self.port)}


class Receiver:
    """What aiosmtpd calls for each message (it looks at every attribute of its
    handler, so the handler is this small class, not the Inbox)."""

    def __init__(self, inbox):
        self.inbox = inbox

    async def handle_DATA(self, server, session, envelope):
        if self.inbox.refusal is not None:
            return self.inbox.refusal
        self.inbox.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                            email.message_from_bytes(envelope.content)))
        return '250 Message accepted for delivery'


@pytest.fixture(scope='session')
def _mail_server():
    inbox = Inbox(host='127.0.0.1', port=free_port())
    controller = Controller(Receiver(inbox), hostname=inbox.host, port=inbox.port)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture
def smtp_server(_mail_server):
    """The SMTP server on 127.0.0.1: .messages lists what it received during this test."""
    wait_for_mail_in_flight()
    _mail_server.received.clear()
    return _mail_server


@pytest.fixture
def refusing_mail_server(smtp_server):
    """The SMTP server takes the connection, then refuses every message with a 550, as a
    server does that will not take mail for an address; it keeps none of them."""
    smtp_server.refusal = '550 5.7.1 Message refused'
    yield smtp_server
    wait_for_mail_in_flight()
    smtp_server.refusal = None
