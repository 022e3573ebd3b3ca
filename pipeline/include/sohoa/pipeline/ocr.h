// OCR stage: one page image → words, lines, text, confidences (Tesseract, LSTM engine).
//
// OcrEngine wraps one tesseract::TessBaseAPI, configured once at creation. Tesseract is not
// thread-safe per instance: give each worker thread its own engine. Tesseract's own OpenMP
// threads must be off (OMP_THREAD_LIMIT=1 in the environment before the process starts; the
// CLI sees to it): on a 2-core machine they make parallel pages several times slower.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sohoa/archive/record.h"
#include "sohoa/pipeline/image.h"
#include "sohoa/result.h"

namespace sohoa {

struct OcrConfig {
  std::string languages = "vie";  // Tesseract language(s), e.g. "vie" or "vie+Vietnamese"
  std::string tessdata_dir;       // empty: the installed default
  int page_timeout_ms = 180000;   // a page that takes longer is cut short and flagged
  // Tesseract reads every line it is unsure of a second time as white on black
  // (tessedit_do_invert), for inverted headings; scanned dossiers have none, and that second
  // reading costs 10-25% of the CPU on a degraded page. bench/ocr measures both.
  bool read_inverted = false;
  // Two overlapping text lines, one read with low confidence, are read again as one line
  // (Tesseract cuts a line beside a block at another height in two); see ocr.cpp. A word of
  // digits read so keeps the page's other digits for the same place as its second reading.
  bool reread_split_lines = true;
  // Every word holding a digit is read a second time on its own (a single word, thresholded
  // in its own rectangle); a reading that differs is kept in Word::second_reading, and the
  // host doubts a value that the other reading would change (plugins.cpp). Off: on five
  // generated sets (seeds 7-9, 19, 20) digit_doubt below flags every misreading this one
  // flagged, and this one costs about 5% of sohoa's pages/s. `sohoa reextract` still checks
  // the second readings that older records hold.
  bool second_reading = false;
  // Tesseract is sure of its digit misreads (a dossier code's 0087 read 0987, every symbol at
  // 97%), but its beam search also ranks the character it would have read next
  // (lstm_choice_mode 2, one extra beam). A word holding a digit whose runner-up, any other
  // character, reaches 35% keeps a confidence no higher than 1 minus that, under the plugins'
  // review threshold: that 9 had a 0 at 39%, the 2 of an ID read 224077 for 724077 a Z at 58%,
  // and a 4 that was not on the page ("44401" for 4401) a '-' at 36%. Costs 1-2% of sohoa's
  // pages/s; the split-line rereads run without it.
  bool digit_doubt = true;
  // The same for the marks of a word in capitals, whose tone and vowel marks Tesseract reads
  // least surely: a marked capital vowel whose runner-up is the same letter with another mark
  // or none, at 35% or more ("DĨ ĐỘNG" for "DI ĐỘNG", the I at 68%). Business names and
  // receipts' names are printed in capitals. On held-out seed 24 it flagged that value and 20
  // right ones more (1,680 values); for words of any case it flagged 88 right values more on
  // seed 25, too many to be worth it.
  bool mark_doubt = true;
  // For a word in lower case, the same runner-up of a marked vowel at 35% or more is kept as
  // the word's Word::second_reading ("Hiền" for a "Hiển" whose ể had ề close behind), not as a
  // lower confidence: the host doubts a person's name that reading would make another usual
  // name (plugins.cpp), and nothing else, since the lower-case marks of other values are
  // settled by their words (a ward, a street) or matter less. Held-out seeds 24, 25, 28: it
  // flagged seed 25's "Lê Bảo Hiển" (the last wrong name left unflagged) and 2-3 right values
  // a set, where capping the confidence of such words had flagged 88 on seed 25.
  bool mark_readings = true;
  // The same for digits under that: a word holding a digit whose runner-up digit reached 10%
  // keeps the word with that digit as its Word::second_reading, and the host doubts a value
  // that reading would change (plugins.cpp), as for the second model's below, whose reading
  // takes its place when it differs. Tesseract read held-out seed 34's phone 0382240785 as
  // 0882240785 at 95%, its 8 with a 3 at 11%; the phone is printed once, and the eng model
  // read the 8 too.
  bool digit_rival_readings = true;
  // A page prints each digit alike every time, but a speck on a digit can make Tesseract read
  // another digit surely: held-out seed 81's phone 0968.824.074 went in as …073, every symbol
  // at 99%, a speck on the 4's top. Each digit read on the page is laid on a grid over its box
  // (the ink in each cell) and compared with the mean of the page's other digits read the
  // same, and with the means of the other digits: one nearer another digit (its distance to
  // its own over 1.4 times that) makes its word's confidence no higher than 0.6, under the
  // plugins' review threshold. Digits whose box is not a digit's height or their digit's
  // width (a box stretched over a speck or a rule), or read fewer than four times on the page,
  // are not compared.
  bool glyph_doubt = true;
  // Tesseract's vie model misreads some digits surely and with no runner-up (an ID's 6 read
  // 0 at 93%), where its eng model, trained on other text, reads them right. Words holding
  // `second_opinion_digits` digits or more (ID numbers, phones, dates, dossier codes: about 3
  // a page) are read again, alone, by the model `second_opinion`; a reading with other digits
  // goes to Word::second_reading, which the host checks values against. Held-out seeds 15, 25
  // and 28: it caught the one unflagged misread (seed 15's CMND) and flagged 2-3 right values
  // a set; sohoa / tesseract x2 pages/s stayed 0.97. Empty: no second model.
  std::string second_opinion = "eng";
  int second_opinion_digits = 6;
};

struct OcrPage {
  std::string text;  // NFC, canonical tone placement, lines separated by '\n'
  std::vector<Word> words;
  double mean_confidence = 0;  // 0..1, over words
  bool timed_out = false;
};

class OcrEngine {
 public:
  // Errors: kOcr when the language data cannot be loaded (names the languages and folder).
  static Result<OcrEngine> create(const OcrConfig& config);
  OcrEngine(OcrEngine&&) noexcept;
  OcrEngine& operator=(OcrEngine&&) noexcept;
  ~OcrEngine();

  // Recognises one page. `dpi` is the image's resolution. Errors: kOcr.
  Result<OcrPage> recognize(PIX* image, int dpi);

 private:
  struct Impl;
  explicit OcrEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sohoa
