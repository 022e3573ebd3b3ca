// Addresses in Bắc Từ Liêm as OCR reads them off receipts and forms, cleaned with a gazetteer
// of the district's wards, streets and residential groups (tổ dân phố).
//
// An address is a run of components, "Số 23 ngõ 85 Chèm, phường Thụy Phương, quận Bắc Từ Liêm,
// thành phố Hà Nội". OCR spoils one letter in eighty: a mark ("Thượng Cắt"), a letter ("Trầm
// Cung", "duận"), specks read as ` " ' [ ˆ, words run together ("phốHàNội") or torn apart
// ("Xuân Đi h", "Bắc Từ, Liêm"), a stray letter after the city. normalize_address() puts the
// known words back as the gazetteer spells them when exactly one entry is that close, keeps
// every other word as read, and says what it still doubts, so that a wrong address goes to
// review instead of into the archive unmarked.
//
// Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sohoa::plugin {

struct Address {
  std::string value;                // the address, NFC, single spaces; empty if none was read
  std::vector<std::string> doubts;  // why a person should look at it (empty: reads whole)
};

// Cleans an address read by OCR:
// - specks (` " ' [ ] | ˆ …) and stray dots dropped, ';' and '„' read as ',', spacing made regular;
//   a comma lost between a number and a street or group with its head put back, when the
//   address parts its components with commas ("tòa N03 đường Văn Tiến Dũng");
// - words of the gazetteer (wards, streets, tổ dân phố, "quận Bắc Từ Liêm", "thành phố Hà
//   Nội", and the words of an address: "Số", "ngõ", "ngách", "Căn hộ", "phường" …) spelled as
//   the gazetteer does when one entry is clearly the closest, within about one edit in six
//   letters, compared without marks; the marks then come from the gazetteer ("Phúc Điền" →
//   "Phúc Diễn": the marks decide between Phú and Phúc Diễn before the letters do);
// - "P", "Q", "TP" written "P.", "Q.", "TP.";
// - nothing after the city (Hà Nội ends a Vietnamese address).
// Doubts: a number with letters inside ("2Ó1"), a stray one-letter word, letters no
// Vietnamese word has, a word before a number one letter from a head ("gách 11/13" for
// "ngách"), a head run into the number before it ("120ngõ"), a district without a ward,
// gazetteer words found after the city (the lines were read out of order).
Address normalize_address(std::string_view text);

}  // namespace sohoa::plugin
