/**
 * One line of an imported document, as the layout gave it: the common input of every import step,
 * whether it came from a PDF (with positions and fonts) or from plain text (text and place only).
 */
export interface SourceLine {
  /** The line's text, without its line break. Spaces inside are kept as extracted (NBSP included). */
  text: string;
  /** 1-based page number: a form feed starts a new page in text input. */
  page: number;
  /** 1-based line number: in the text file, or on the PDF page. Used by the report ("p. 8, line 12"). */
  line: number;
  /** Layout facts a PDF gives; absent for plain text. */
  layout?: LineLayout;
}

export interface LineLayout {
  /** Left edge and baseline in points, y measured from the top of the page. */
  x: number;
  y: number;
  /** Most common font size on the line, in points. */
  fontSize: number;
  /** Most of the line's characters are bold. */
  bold: boolean;
  /** Fill colour of most of the line's characters, '#rrggbb'. */
  color: string;
  /** Runs of differing style inside the line, in order; their texts concatenate to `text`. */
  spans: TextSpan[];
}

export interface TextSpan {
  text: string;
  bold: boolean;
  color: string;
}
