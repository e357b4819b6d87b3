"""The knowledge base (پایگاه دانش): articles or chatbot intents a workspace imports
(:mod:`safar.kb.articles`), customer questions matched to them (:mod:`safar.kb.match`), and the questions no
article answers. The one service every screen uses is :mod:`safar.services.kb`."""
