<?xml version="1.0" encoding="UTF-8"?>
<!-- How our voices (and e-readers' own voices, through the EPUB) say these words.
     <alias> is what our engines speak; <phoneme> serves e-readers that read IPA. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="de">
  <lexeme>
    <grapheme>Biden</grapheme>
    <alias>Baiden</alias>
  </lexeme>
  <lexeme>
    <grapheme>Bidens</grapheme>
    <alias>Baidens</alias>
  </lexeme>
  <lexeme>
    <grapheme>Joe</grapheme>
    <alias>Dschou</alias>
  </lexeme>
</lexicon>
