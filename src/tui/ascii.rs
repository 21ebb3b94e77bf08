//! Drawing for terminals whose locale is not UTF-8: box lines, arrows and
//! marks become ASCII, and other characters are sent as Latin-1 bytes
//! where Latin-1 has them (a name with é stays readable), else as `?`.
//! Every replacement is one column wide, as what it replaces is drawn.

/// The bytes for a cell `width` columns wide, exactly one per column: a
/// combining mark after its letter is left out, and a wide character
/// (中, an emoji) becomes `??`, so the rest of the row stays in place.
/// Computed as they are written, cell by cell of every frame: nothing is
/// allocated.
pub fn cell_bytes(symbol: &str, width: usize) -> impl Iterator<Item = u8> + '_ {
    symbol
        .chars()
        .map(byte_for)
        .chain(std::iter::repeat(b'?'))
        .take(width.max(1))
}

fn byte_for(c: char) -> u8 {
    if c.is_ascii() {
        // Checked: an ASCII char fits in a byte.
        return u8::try_from(c).unwrap_or(b'?');
    }
    match c {
        // Box drawing: corners and joins, horizontal, vertical.
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' | '╔' | '╗'
        | '╚' | '╝' | '╠' | '╣' | '╦' | '╩' | '╬' => b'+',
        '─' | '━' | '═' | '╌' | '┄' => b'-',
        '│' | '┃' | '║' | '╎' | '┆' => b'|',
        '↑' | '▲' | '▴' => b'^',
        '↓' | '▼' | '▾' => b'v',
        '←' | '◀' | '◂' => b'<',
        '→' | '▶' | '▸' | '►' | '›' => b'>',
        '‹' => b'<',
        '★' | '•' | '●' | '✱' => b'*',
        '✓' | '✔' => b'v',
        '✗' | '✘' => b'x',
        // Latin-1 has the middle dot, but it is chrome here, not text: the
        // plainest form reads the same on any terminal.
        '…' | '·' => b'.',
        '—' | '–' | '‐' | '−' => b'-',
        '‘' | '’' => b'\'',
        '“' | '”' => b'"',
        '█' | '▌' | '▐' | '░' | '▒' | '▓' => b'#',
        // Latin-1 has these: sent as themselves.
        c => u8::try_from(u32::from(c))
            .ok()
            .filter(|b| *b >= 0xa0)
            .unwrap_or(b'?'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes_for(symbol: &str) -> Vec<u8> {
        symbol.chars().map(byte_for).collect()
    }

    #[test]
    fn lines_marks_and_latin1_letters() {
        assert_eq!(bytes_for("┌─┐"), b"+-+");
        assert_eq!(bytes_for("│"), b"|");
        assert_eq!(bytes_for("★ CHILD'S VOICE"), b"* CHILD'S VOICE");
        assert_eq!(bytes_for("✓ ↑↓ …"), b"v ^v .");
        assert_eq!(bytes_for("Zoë"), b"Zo\xeb");
        assert_eq!(bytes_for("€"), b"?");
        assert_eq!(bytes_for("中"), b"?");
        let cell = |s: &str, w: usize| cell_bytes(s, w).collect::<Vec<u8>>();
        assert_eq!(cell("中", 2), b"??");
        assert_eq!(cell("e\u{301}", 1), b"e");
        assert_eq!(cell("─", 1), b"-");
    }
}
