"""A real SMTP server (aiosmtpd) on a free loopback port, keeping what it receives."""
import email
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

from shared.net import free_port


@dataclass
class Received:
    sender: str
    recipients: list
    message: email.message.Message


@dataclass
class Inbox:
    host: str
    port: int
    messages: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      email.message_from_bytes(envelope.content)))
        return '250 Message accepted for delivery'


@pytest.fixture
def smtp_server():
    """An SMTP server on 127.0.0.1; .messages lists what it received."""
    inbox = Inbox(host='127.0.0.1', port=free_port())
    controller = Controller(inbox, hostname=inbox.host, port=inbox.port)
    controller.start()
    yield inbox
    controller.stop()
