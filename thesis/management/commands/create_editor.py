"""`manage.py create_editor USERNAME`: a staff account in the Editors group, checked before anything is written."""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

EDITORS = "Editors"
PASSWORD_ENV = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = f"Create an editor account: staff, in the {EDITORS} group, with no other rights."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help=f"Otherwise prompted for, or read from {PASSWORD_ENV} with --no-input.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            dest="interactive",
            action="store_false",
            help=f"Read the password from {PASSWORD_ENV}.",
        )

    def handle(self, *args, username, email, password, interactive, **options):
        User = get_user_model()
        group = Group.objects.filter(name=EDITORS).first()
        if group is None:
            raise CommandError(f"There is no {EDITORS} group: run `manage.py migrate` first.")
        self._check_username(User, username)
        self._check_email(email)
        password = password or self._password(interactive)
        user = User(username=username, email=email, is_staff=True)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"Editor {username} created."))

    def _check_username(self, User, username):
        field = User._meta.get_field(User.USERNAME_FIELD)
        try:
            field.clean(username, None)
        except ValidationError as error:
            raise CommandError(f"Invalid username: {'; '.join(error.messages)}") from None
        if User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists():
            raise CommandError(f"The username {username} is taken.")

    def _check_email(self, email):
        if not email:
            return
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Invalid email address: {email}") from None

    def _password(self, interactive) -> str:
        if not interactive:
            password = os.environ.get(PASSWORD_ENV, "")
            if not password:
                raise CommandError(f"With --no-input, give --password or set {PASSWORD_ENV}.")
            return password
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        if not first:
            raise CommandError("The password is empty.")
        return first
