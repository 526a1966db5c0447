"""Award screens, one module per screen: proposals, nominees, documents, council, decisions, history.

`awards/urls.py` names each view by its module.
"""
