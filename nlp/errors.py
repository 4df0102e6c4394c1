"""Domain errors of the classifier, reported once at the CLI edge (see warehouse.errors)."""

from warehouse.errors import TyndauError


class ModelError(TyndauError):
    """The model directory is missing, incomplete or of another format."""

    hint = "Train the default model with `tyndau train --out models/tyndau-default`, or pass --model DIR."


class CorpusError(TyndauError):
    """A labelled file cannot be read or carries labels outside the competency model."""

    hint = "Check the file is JSON Lines in the corpus format (see nlp/corpus/README.md)."


class DataMissingError(TyndauError):
    """A real data set of ../shared/data is not there."""

    hint = "Point TYNDAU_SHARED_DATA at the shared data folder (default: ../shared/data from the project root)."
