package dev.witbox.wit;

/**
 * One problem found in WIT source: where it is and what is wrong.
 *
 * @param file       file name as given to the loader (or {@code "<input>"})
 * @param line       1-based line of the offending token (0 when the location is unknown)
 * @param column     1-based column, counted in Unicode code points (0 when unknown)
 * @param message    a human readable explanation
 * @param sourceLine the text of the offending line (possibly shortened), or {@code ""}
 */
public record WitDiagnostic(String file, int line, int column, String message, String sourceLine) {

    /** Source lines longer than this many code points are shown as a window. */
    static final int MAX_LINE = 160;
    /** Code points shown before the column in a windowed line. */
    static final int CONTEXT = 60;
    /** Marks a windowed source line. */
    static final String ELLIPSIS = "\u2026";

    public WitDiagnostic {
        file = file == null ? "<input>" : file;
        message = message == null ? "" : message;
        sourceLine = sourceLine == null ? "" : sourceLine;
    }

    /**
     * Renders as {@code file:line:col: error: message}, followed by the source line and a caret
     * under the offending column (the last two only when a source line is known). Very long
     * lines are shown as a window starting with an ellipsis; the caret still marks the token.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(Math.max(column, 1));
        }
        sb.append(": error: ").append(message);
        if (line > 0 && !sourceLine.isEmpty()) {
            sb.append("\n  ").append(sourceLine).append("\n  ");
            int caretCol = Math.max(column, 1) - 1;
            if (sourceLine.startsWith(ELLIPSIS)) {
                caretCol = 1 + CONTEXT; // windowed line: ellipsis, then CONTEXT code points
            }
            int cp = 0;
            for (int i = 0; i < sourceLine.length() && cp < caretCol; cp++) {
                int c = sourceLine.codePointAt(i);
                sb.append(c == '\t' ? '\t' : ' ');
                i += Character.charCount(c);
            }
            for (; cp < caretCol; cp++) {
                sb.append(' ');
            }
            sb.append('^');
        }
        return sb.toString();
    }
}
