/** The font PDF exports embed: one with Chinese glyphs, so customer names such as 上海贸易有限公司 render and can be searched. */
import { existsSync } from 'node:fs';
import { DuesightError } from '../errors.ts';

/** A font file and, for a collection (.ttc), the PostScript name of the face to use. */
export interface PdfFont {
  path: string;
  face?: string;
}

const NOTO = '/usr/share/fonts/opentype/noto';

/**
 * The regular and bold faces: DUESIGHT_PDF_FONT (and DUESIGHT_PDF_FONT_BOLD) when set, else
 * Noto Sans CJK SC from Debian's fonts-noto-cjk. A clear error when neither is there.
 */
export function pdfFonts(): { regular: PdfFont; bold: PdfFont } {
  const custom = process.env.DUESIGHT_PDF_FONT;
  if (custom) {
    if (!existsSync(custom)) throw new DuesightError(`The PDF font ${custom} (DUESIGHT_PDF_FONT) does not exist.`);
    const bold = process.env.DUESIGHT_PDF_FONT_BOLD;
    return { regular: { path: custom }, bold: { path: bold && existsSync(bold) ? bold : custom } };
  }
  const regular = `${NOTO}/NotoSansCJK-Regular.ttc`;
  if (!existsSync(regular)) {
    throw new DuesightError(
      `PDF exports need a font with Chinese glyphs, and ${regular} is missing: install Debian's fonts-noto-cjk ` +
        '(apt-get install fonts-noto-cjk), or set DUESIGHT_PDF_FONT to a .ttf/.otf file that has them.',
    );
  }
  const bold = `${NOTO}/NotoSansCJK-Bold.ttc`;
  return {
    regular: { path: regular, face: 'NotoSansCJKsc-Regular' },
    bold: existsSync(bold) ? { path: bold, face: 'NotoSansCJKsc-Bold' } : { path: regular, face: 'NotoSansCJKsc-Regular' },
  };
}
