"""api/internals/drf.py: a serializer's document built from its fields equals the serializer's own, and
the parts of DRF that relies on still behave as assumed."""

import pytest
import rest_framework
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject, PrimaryKeyRelatedField

from api.internals.drf import AS_STORED, WRITTEN_FOR, columns, row_builder
from api.serializers import PassageCitationSerializer, PassageSerializer, SourceSerializer
from thesis.models import Passage, Source

pytestmark = pytest.mark.django_db


def upgraded(what: str) -> str:
    return (
        f"DRF {rest_framework.__version__} (api/internals/drf.py was written for {WRITTEN_FOR}) changed {what}, "
        "which the module relies on: adapt it to the new DRF before upgrading"
    )


class Refusing(serializers.Field):
    def to_representation(self, value):
        raise AssertionError("called")


class Nullable(serializers.Serializer):
    value = Refusing(source="inner.value")


def test_a_null_attribute_is_null_without_its_field():
    assert Nullable({"inner": {"value": None}}).data == {"value": None}, upgraded("Serializer.to_representation")


def test_a_fields_source_is_split_into_its_attributes_when_bound():
    fields = PassageCitationSerializer().fields
    assert fields["source_number"].source_attrs == ["source", "number"], upgraded("Field.source_attrs")
    assert fields["marker"].source == "*" and fields["marker"].source_attrs == [], upgraded("a source of *")


def test_a_related_record_is_shown_by_its_key_read_on_the_record(seed_thesis):
    passage = Passage.objects.first()
    field = PassageSerializer().fields["thesis"]
    assert isinstance(field, PrimaryKeyRelatedField), upgraded("the field ModelSerializer makes for a foreign key")
    attribute = field.get_attribute(passage)
    assert isinstance(attribute, PKOnlyObject) and attribute.pk == passage.thesis_id, upgraded("RelatedField")
    assert field.to_representation(attribute) == passage.thesis_id, upgraded("PrimaryKeyRelatedField")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (serializers.IntegerField(), 7),
        (serializers.CharField(), "мәтін"),
        (serializers.ChoiceField(choices=Passage.Status.choices), Passage.Status.values[0]),
        (serializers.BooleanField(), True),
    ],
    ids=lambda item: type(item).__name__,
)
def test_the_fields_shown_as_stored_show_a_models_value_unchanged(field, value):
    assert isinstance(field, AS_STORED)
    shown = field.to_representation(value)
    assert shown == value and type(shown) is type(value), upgraded(f"{type(field).__name__}.to_representation")


def test_a_list_of_records_is_a_list_serializer_of_its_child():
    field = serializers.ListSerializer(child=PassageCitationSerializer())
    many = PassageCitationSerializer(many=True)
    assert isinstance(many, serializers.ListSerializer) and isinstance(many.child, PassageCitationSerializer), upgraded(
        "many=True"
    )
    assert isinstance(field.child, PassageCitationSerializer)


@pytest.mark.parametrize("script", ["cyrl", "latn"])
def test_rows_of_records_are_what_the_serializer_shows(seed_thesis, script):
    for serializer_class, records in (
        (PassageSerializer, Passage.objects.all()),
        (SourceSerializer, Source.objects.with_citation_count()),
    ):
        row = row_builder(serializer_class)
        shown = serializer_class(records, many=True, context={"script": script}).data
        assert [row(record, script) for record in records] == shown


def test_a_rows_columns_are_read_once_each_in_the_fields_order():
    assert columns(PassageCitationSerializer) == (
        "order",
        "source_id",
        "source__number",
        "marker_start",
        "marker_end",
        "locator",
        "sentence",
        "sentence_start",
        "sentence_end",
    )


def test_a_field_it_cannot_build_is_refused_by_name():
    class Unknown(serializers.Serializer):
        shown = serializers.SerializerMethodField()

        def get_shown(self, record):
            return record

    with pytest.raises(TypeError, match="Unknown.shown"):
        row_builder(Unknown)
