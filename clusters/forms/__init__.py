"""Forms of the clusters pages, one module per screen; the sheet and vote forms are re-exported here."""

from .sheets import ScoreSheetForm, SheetReviewForm, VoteUnitForm

__all__ = ["ScoreSheetForm", "SheetReviewForm", "VoteUnitForm"]
