"""Every row of every table, to prove that an operation which refused wrote nothing anywhere."""

from django.apps import apps


def every_row() -> dict[str, list[tuple]]:
    """The rows of every installed app's tables, history and many-to-many tables included, by primary key."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed  # an unmanaged table (the SQLite search index) follows a managed one
    }


def changed_tables(before: dict[str, list[tuple]]) -> list[str]:
    """The tables whose rows differ from `before`, so that a failure names where something was written."""
    after = every_row()
    return sorted(table for table in before.keys() | after.keys() if before.get(table) != after.get(table))
