"""Background work of the plugin, through Django tasks (the django-tasks backport).

Web requests enqueue and return: with the database backend of production the worker
(``manage.py db_worker``) talks to the SMTP server, so a slow or unreachable mail server
never holds a request. In development and tests the immediate backend runs the task at once,
in the request, which keeps the locmem outbox of the tests filled as before.

Arguments are plain strings and lists: a task's arguments are stored as JSON until a worker
picks it up, so the mail is rendered (in the recipient's language) before it is enqueued.
"""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    subject: str,
    body: str,
    to: list[str],
    html_body: str = "",
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
) -> int:
    """Sends one message; ``headers`` carries e.g. List-Unsubscribe for newsletters.

    Returns the number of messages sent (1), which the task result keeps.
    """
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers or {})
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


def enqueue_email(
    subject: str,
    body: str,
    to: list[str],
    *,
    html_body: str = "",
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
):
    """Queues a mail for the worker and returns the task result (its ``id`` identifies it)."""
    return send_email.enqueue(
        subject=" ".join(subject.split()),  # a header is one line
        body=body,
        to=list(to),
        html_body=html_body,
        headers=dict(headers or {}),
        from_email=from_email,
    )
