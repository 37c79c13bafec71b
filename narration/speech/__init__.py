"""Text the engine hears: German normalisation, the user's lexicon, the script."""
