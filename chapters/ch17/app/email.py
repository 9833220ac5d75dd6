import smtplib
import socket
from threading import Thread

from flask import current_app, render_template
from flask_mail import Message

from app import mail


def send_async_email(app, msg):
    # This runs in a thread of its own, which has no app context until it makes one.
    with app.app_context():
        try:
            mail.send(msg)
        except (OSError, smtplib.SMTPException):
            # A mail server that is down costs this message, never the page:
            # the log says so, and the person can ask for another one.
            app.logger.exception('Could not send e-mail to %s', ', '.join(msg.recipients))


def send_email(to, subject, template, **kwargs):
    """Send an e-mail from a thread of its own, and return the thread; or None, sending
    nothing, when the mail server is down, so that the page can say so."""
    app = current_app._get_current_object()
    try:
        # A server that is down refuses the connection at once. The SMTP conversation,
        # which can take seconds, happens in the thread, off the request.
        socket.create_connection((app.config['MAIL_SERVER'], app.config['MAIL_PORT']),
                                 timeout=5).close()
    except OSError:
        app.logger.exception('Could not send e-mail to %s: no mail server answers', to)
        return None
    msg = Message(app.config['MAIL_SUBJECT_PREFIX'] + subject,
                  sender=app.config['MAIL_SENDER'], recipients=[to])
    msg.body = render_template(template + '.txt', **kwargs)
    msg.html = render_template(template + '.html', **kwargs)
    # Talking to a mail server can take seconds; the page does not wait for it.
    # Not a daemon thread (as it would be, started from one of `flask run`'s):
    # Python waits for it at exit, so a server that stops loses no e-mail.
    thread = Thread(target=send_async_email, args=[app, msg], daemon=False)
    thread.start()
    return thread
