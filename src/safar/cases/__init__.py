"""Cases (پرونده‌ها): the closed loop. A rule turns a survey answer (a low NPS, CSAT or CES), a negative comment
or a fired alert into a case for the department that owns the touchpoint, with a priority and an SLA due time;
people assign it, work it (new → in progress → resolved → closed, or reopened), note what they did, and send the
customer a follow-up survey whose answer lands on the case.

The pure parts live here: what a rule's condition means (:mod:`safar.cases.conditions`) and how a case moves
(:mod:`safar.cases.lifecycle`). The store keeps cases (:mod:`safar.store.cases`); the one service every screen
uses is :mod:`safar.services.cases`.
"""
