"""Exit codes mean something (STYLE.md): 0 done, 1 the user's input was wrong, 2 environment."""

import click


class UserInputError(click.ClickException):
    """Bad input: a file, field or option the user can fix. Exit code 1."""

    exit_code = 1


class EnvironmentProblem(click.ClickException):
    """Something about the machine or a service, not the user's input. Exit code 2."""

    exit_code = 2
