import { foldAligned } from './fold.ts';

/**
 * Words that end the subject of a duty sentence: the duty verbs and adverbs plans use right
 * after the agency ("Sở Tư pháp hướng dẫn…", "Cục Thuế tỉnh chủ trì…"). Folded, lowercase; a
 * capitalised word never matches, so "Ban Quản lý" is not cut at "quản lý". Short words that also
 * occur inside names ("tạo" in "Đào tạo", "lập") are left out.
 */
export const DUTY_WORDS = [
  'chu tri', 'lam dau moi', 'la co quan dau moi', 'la dau moi', 'la co quan', 'chiu trach nhiem', 'co trach nhiem',
  'phoi hop', 'phoi voi', 'huong dan', 'tang cuong', 'thuc hien', 'thuc thi', 'chi dao', 'tham muu', 'trien khai',
  'ra soat', 'to chuc', 'chu dong', 'tiep tuc', 'day manh', 'nghien cuu', 'theo doi', 'xay dung', 'khan truong',
  'nang cao', 'giai quyet', 'kiem tra', 'don doc', 'dam bao', 'bao dam', 'cap nhat', 'cong bo', 'cong khai', 'ho tro',
  'pho bien', 'tuyen truyen', 'quan triet', 'de xuat', 'bao cao', 'tong hop', 'giam sat', 'ban hanh', 'bo tri',
  'cung cap', 'duy tri', 'phan dau', 'tap trung', 'danh gia', 'khao sat', 'xu ly', 'chap hanh', 'giup', 'tiep nhan',
  'van hanh', 'quan ly', 'su dung', 'ap dung', 'ung dung', 'uu tien', 'rut ngan', 'don gian hoa', 'cat giam',
  'tham dinh', 'kien nghi', 'chan chinh', 'phat hien', 'kiem soat', 'thong ke', 'tien hanh', 'gui', 'nam bat',
  'thuong xuyen', 'kip thoi', 'tich cuc', 'can cu', 'trong pham vi', 'theo chuc nang', 'dinh ky', 'khac phuc',
  'doi moi', 'mo rong', 'thuc day', 'chu trong', 'phat huy', 'hoan thanh', 'hoan thien', 'so hoa', 'ket noi',
  'chia se', 'tich hop', 'nghiem tuc', 'dang ky', 'cap phep', 'tiep can', 'lua chon', 'dieu hanh',
];
// After a plural determiner the word is a noun, not a duty: "các tổ chức chính trị - xã hội" names bodies.
const DUTY_WORD = new RegExp(`(?<![\\p{L}\\d])(?<!(?:[Cc]ac|[Nn]hung) )(?:${DUTY_WORDS.join('|')})(?![\\p{L}\\d])`, 'u');

/** True when the text holds a lowercase duty word, i.e. it is a sentence, not just a name. */
export function hasDutyWord(text: string): boolean {
  return DUTY_WORD.test(foldAligned(text.normalize('NFC')));
}
