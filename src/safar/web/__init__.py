"""The web app: pages and their /api/v1 JSON twins, each showing what one service computed (:mod:`safar.services`)."""
