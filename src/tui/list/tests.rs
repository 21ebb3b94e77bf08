//! Tests of `list`, kept beside it in a file of their own.

use super::*;
use KeyCode as K;

/// A list of `len` rows, all shown.
fn list(len: usize, page: Page) -> ListState {
    let mut l = ListState::new(page);
    l.show_all(len);
    l
}

/// Draws `state` as a one-column table of "row N" in a `w`×`h` area
/// (a header line plus `h - 1` rows), rows `heights` tall; the buffer.
fn draw(state: &mut ListState, w: u16, h: u16, heights: &[u16]) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    let table = ListTable::new([Constraint::Fill(1)], |i| {
        Row::new([format!("row {i}\nmore {i}\nmore {i}\nmore {i}")])
    })
    .heights(|i| heights.get(i).copied().unwrap_or(1))
    .header(["Heading"], Style::default())
    .highlight(Style::default(), "> ");
    StatefulWidget::render(table, area, &mut buf, state);
    buf
}

/// A small repeatable source of numbers, so the tests need no crate.
fn numbers(mut seed: u64) -> impl FnMut(u64) -> u64 {
    move |below| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    }
}

const MOVES: [KeyCode; 6] = [K::Up, K::Down, K::PageUp, K::PageDown, K::Home, K::End];

#[test]
fn motions_stay_inside_the_list() {
    let mut l = list(50, Page::Fixed(10));
    assert_eq!(l.position(), Some(0));
    assert!(l.on_key(K::PageDown));
    assert_eq!(l.position(), Some(10));
    assert!(l.on_key(K::End));
    assert_eq!(l.position(), Some(49));
    l.on_key(K::Down);
    assert_eq!(l.position(), Some(49));
    l.on_key(K::PageDown);
    assert_eq!(l.position(), Some(49));
    l.on_key(K::PageUp);
    assert_eq!(l.position(), Some(39));
    l.on_key(K::Home);
    l.on_key(K::Up);
    assert_eq!(l.position(), Some(0));
    assert!(!l.on_key(K::Enter));
    assert!(!l.on_key(K::Char('j')));
    // An empty list takes the key and selects nothing.
    let mut empty = list(0, Page::Fixed(10));
    assert!(empty.on_key(K::Down));
    assert_eq!(empty.position(), None);
}

#[test]
fn a_fixed_page_ignores_the_height_and_a_drawn_page_follows_it() {
    let mut fixed = list(100, Page::Fixed(5));
    let mut drawn = list(100, Page::Drawn(10));
    assert_eq!(drawn.page(), 10, "before the first drawing");
    draw(&mut fixed, 20, 8, &[]);
    draw(&mut drawn, 20, 8, &[]);
    assert_eq!(fixed.page(), 5);
    // Eight lines less the header.
    assert_eq!(drawn.page(), 7);
    drawn.on_key(K::PageDown);
    assert_eq!(drawn.position(), Some(7));
    // A list with no room for a row still pages by one.
    draw(&mut drawn, 20, 1, &[]);
    assert_eq!(drawn.page(), 1);
}

#[test]
fn the_selection_stays_visible_at_any_height() {
    let mut next = numbers(7);
    for h in 2..=14u16 {
        let mut l = list(100, Page::Drawn(10));
        for _ in 0..200 {
            l.on_key(MOVES[usize::try_from(next(6)).unwrap_or(0)]);
            let buf = draw(&mut l, 16, h, &[]);
            let pos = l.position().unwrap_or(usize::MAX);
            let top = l.offset();
            assert!(
                top <= pos && pos < top + usize::from(h - 1),
                "height {h}: row {pos} outside {top}.."
            );
            // The selected row is the one drawn with the mark.
            let y = u16::try_from(pos - top + 1).unwrap_or(0);
            let line: String = (0..16).map(|x| buf[(x, y)].symbol()).collect();
            assert!(line.starts_with(&format!("> row {pos}")), "{line:?}");
        }
    }
}

#[test]
fn a_filtered_view_maps_positions_to_rows() {
    let mut l = ListState::new(Page::Fixed(10));
    l.filter_mut().push_str("sam");
    l.show(vec![5, 2, 9]);
    assert_eq!(l.filter(), "sam");
    assert_eq!((l.len(), l.selected()), (3, Some(5)));
    l.on_key(K::Down);
    assert_eq!((l.position(), l.selected()), (Some(1), Some(2)));
    assert_eq!(l.rows().collect::<Vec<_>>(), vec![5, 2, 9]);
    assert_eq!(l.find(|i| i == 9), Some(2));
    assert_eq!(l.find(|i| i == 3), None);
    // A shorter view keeps the position where it can.
    l.on_key(K::End);
    l.show(vec![9, 5]);
    assert_eq!(l.selected(), Some(5));
    l.to_top();
    assert_eq!((l.selected(), l.offset()), (Some(9), 0));
    l.show(Vec::new());
    assert_eq!((l.selected(), l.position()), (None, None));
    // Rows arriving again start at the first.
    l.show(vec![4]);
    assert_eq!(l.selected(), Some(4));
    l.show_all(3);
    l.select_last();
    assert_eq!(l.selected(), Some(2));
    l.select(Some(99));
    assert_eq!(l.selected(), Some(2), "a position past the end is the last");
}

#[test]
fn an_empty_list_says_so_or_shows_its_header_alone() {
    let area = Rect::new(0, 0, 30, 4);
    let text = |buf: &Buffer| -> String {
        (0..area.height)
            .map(|y| {
                let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
                line.trim_end().to_owned() + "\n"
            })
            .collect()
    };
    let mut l = list(0, Page::Drawn(10));
    let mut buf = Buffer::empty(area);
    let table = ListTable::new([Constraint::Fill(1)], |_| Row::new(["never"]))
        .header(["Heading"], Style::default())
        .block(Block::bordered())
        .empty(wrapped_message(
            "Nothing here yet, press a",
            28,
            Style::default(),
        ));
    StatefulWidget::render(table, area, &mut buf, &mut l);
    assert!(
        text(&buf).contains("│Nothing here yet, press a   │"),
        "{}",
        text(&buf)
    );
    assert!(!text(&buf).contains("Heading"));
    assert_eq!(l.page(), 10, "a message is not a page of rows");
    let mut buf = Buffer::empty(area);
    let table = ListTable::new([Constraint::Fill(1)], |_| Row::new(["never"]))
        .header(["Heading"], Style::default())
        .highlight(Style::default(), "> ");
    StatefulWidget::render(table, area, &mut buf, &mut l);
    assert_eq!(text(&buf), "Heading\n\n\n\n");
}

#[test]
fn rows_of_different_heights_scroll_as_ratatuis_table_does() {
    let mut next = numbers(11);
    for round in 0..300 {
        let len = usize::try_from(1 + next(40)).unwrap_or(1);
        let h = u16::try_from(2 + next(12)).unwrap_or(2);
        let lines = h - 1;
        let heights: Vec<u16> = (0..len)
            .map(|_| u16::try_from(1 + next(4)).unwrap_or(1).min(lines))
            .collect();
        let mut ours = list(len, Page::Fixed(3));
        let mut theirs = TableState::default().with_selected(Some(0));
        for _ in 0..30 {
            ours.on_key(MOVES[usize::try_from(next(6)).unwrap_or(0)]);
            theirs.select(ours.position());
            let buf = draw(&mut ours, 12, h, &heights);
            let area = Rect::new(0, 0, 12, h);
            let mut want = Buffer::empty(area);
            let rows = (0..len).map(|i| {
                Row::new([format!("row {i}\nmore {i}\nmore {i}\nmore {i}")]).height(heights[i])
            });
            let table = Table::new(rows, [Constraint::Fill(1)])
                .header(Row::new(["Heading"]))
                .highlight_symbol("> ");
            StatefulWidget::render(table, area, &mut want, &mut theirs);
            assert_eq!(buf, want, "round {round}, heights {heights:?}");
            assert_eq!(ours.offset(), theirs.offset(), "round {round}");
        }
    }
}

#[test]
fn a_row_taller_than_the_list_is_cut_not_hidden() {
    let mut l = list(3, Page::Fixed(1));
    l.on_key(K::Down);
    // Three lines for rows; the selected row has four.
    let buf = draw(&mut l, 12, 4, &[1, 4, 1]);
    let line = |y: u16| -> String { (0..12).map(|x| buf[(x, y)].symbol()).collect() };
    assert_eq!(l.offset(), 1);
    assert!(line(1).starts_with("> row 1"), "{:?}", line(1));
    assert!(line(3).starts_with("  more 1"), "{:?}", line(3));
}

#[test]
fn only_the_rows_drawn_are_built() {
    let mut l = list(30_000, Page::Drawn(10));
    l.on_key(K::End);
    let built = std::cell::Cell::new(0);
    let measured = std::cell::Cell::new(0);
    let area = Rect::new(0, 0, 20, 12);
    let mut buf = Buffer::empty(area);
    let table = ListTable::new([Constraint::Fill(1)], |i| {
        built.set(built.get() + 1);
        Row::new([format!("row {i}")])
    })
    .heights(|_| {
        measured.set(measured.get() + 1);
        1
    })
    .header(["Heading"], Style::default());
    StatefulWidget::render(table, area, &mut buf, &mut l);
    assert_eq!(built.get(), 11);
    assert!(measured.get() < 40, "{} rows measured", measured.get());
    assert_eq!(l.offset(), 30_000 - 11);
}
