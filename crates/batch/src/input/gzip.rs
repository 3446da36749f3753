//! Opens an input and sees through gzip: whatever the file is called, if it
//! starts with the gzip magic bytes it is decompressed (every member, as
//! Common Crawl writes one member per record). Reading a page stops at the
//! size limit, so a gzip bomb or a huge file costs no more than the limit.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

use crate::error::PageError;

/// Buffer size for files and decompressors.
const BUFFER: usize = 256 << 10;
/// Bytes kept aside to tell what an input is (`WARC/…`).
const HEAD: usize = 8;

/// An input ready to read, decompressed if it was gzip.
pub(crate) struct Opened {
    /// The (decompressed) bytes.
    pub reader: Box<dyn BufRead>,
    /// The first (decompressed) bytes, also still in `reader`.
    pub head: Vec<u8>,
    /// Whether the input was gzip (for error messages).
    pub gzip: bool,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("gzip", &self.gzip)
            .finish_non_exhaustive()
    }
}

/// Opens a file.
pub(crate) fn open(path: &Path) -> io::Result<Opened> {
    open_reader(File::open(path)?)
}

/// Wraps a stream, decompressing it if it starts like gzip.
pub(crate) fn open_reader(reader: impl Read + 'static) -> io::Result<Opened> {
    let mut reader = reader;
    let magic = read_head(&mut reader, 2)?;
    let gzip = magic == [0x1f, 0x8b];
    let whole = Cursor::new(magic).chain(reader);
    if gzip {
        let mut decoder = MultiGzDecoder::new(BufReader::with_capacity(BUFFER, whole));
        let head = read_head(&mut decoder, HEAD).map_err(gzip_error)?;
        let reader = BufReader::with_capacity(BUFFER, Cursor::new(head.clone()).chain(decoder));
        Ok(Opened {
            reader: Box::new(reader),
            head,
            gzip,
        })
    } else {
        let mut whole = whole;
        let head = read_head(&mut whole, HEAD)?;
        let reader = BufReader::with_capacity(BUFFER, Cursor::new(head.clone()).chain(whole));
        Ok(Opened {
            reader: Box::new(reader),
            head,
            gzip,
        })
    }
}

/// Reads up to `size` bytes (fewer only at the end of the input).
fn read_head(reader: &mut impl Read, size: usize) -> io::Result<Vec<u8>> {
    let mut head = vec![0u8; size];
    let mut got = 0;
    while got < size {
        match reader.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(got);
    Ok(head)
}

fn gzip_error(error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("truncated or corrupt gzip data ({error})"))
}

impl Opened {
    /// Reads the whole input as one page of at most `limit` bytes.
    pub fn read_page(&mut self, limit: usize) -> Result<Vec<u8>, PageError> {
        let mut page = Vec::new();
        let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        match (&mut self.reader).take(cap).read_to_end(&mut page) {
            Ok(_) if page.len() > limit => Err(PageError::TooLarge { limit }),
            Ok(_) => Ok(page),
            Err(error) => Err(self.read_error(error)),
        }
    }

    /// A read error, saying so when it comes from a broken gzip stream.
    pub fn read_error(&self, error: io::Error) -> PageError {
        if self.gzip {
            PageError::Read(gzip_error(error))
        } else {
            PageError::Read(error)
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    pub(crate) fn gz(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn plain_and_gzip_read_the_same() {
        let page = b"<p>hello</p>".repeat(100);
        let mut plain = open_reader(Cursor::new(page.clone())).unwrap();
        assert!(!plain.gzip);
        assert_eq!(plain.read_page(1 << 20).unwrap(), page);
        let mut packed = open_reader(Cursor::new(gz(&page))).unwrap();
        assert!(packed.gzip);
        assert_eq!(packed.read_page(1 << 20).unwrap(), page);
    }

    #[test]
    fn every_gzip_member_is_read() {
        let mut two = gz(b"first ");
        two.extend(gz(b"second"));
        assert_eq!(
            open_reader(Cursor::new(two)).unwrap().read_page(100).unwrap(),
            b"first second"
        );
    }

    #[test]
    fn truncated_gzip_is_a_read_error() {
        let data = gz(&b"<p>some text that compresses</p>".repeat(1000));
        let cut = Cursor::new(data[..data.len() / 2].to_vec());
        let error = open_reader(cut).unwrap().read_page(1 << 20).unwrap_err();
        assert!(error.to_string().contains("truncated or corrupt gzip"), "{error}");
    }

    #[test]
    fn limit_stops_reading() {
        let bomb = gz(&vec![b'a'; 10 << 20]);
        let error = open_reader(Cursor::new(bomb))
            .unwrap()
            .read_page(1000)
            .unwrap_err();
        assert!(matches!(error, PageError::TooLarge { limit: 1000 }));
        assert_eq!(open_reader(Cursor::new(b"")).unwrap().read_page(10).unwrap(), b"");
        assert_eq!(
            open_reader(Cursor::new(b"x")).unwrap().read_page(10).unwrap(),
            b"x"
        );
    }

    /// A reader that hands out one byte per call, like a slow pipe.
    struct Trickle(Cursor<Vec<u8>>);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let end = buf.len().min(1);
            self.0.read(&mut buf[..end])
        }
    }

    #[test]
    fn head_is_complete_even_from_a_trickle() {
        let opened = open_reader(Trickle(Cursor::new(b"WARC/1.0\r\n".to_vec()))).unwrap();
        assert!(opened.head.starts_with(b"WARC/"));
        let opened = open_reader(Trickle(Cursor::new(gz(b"WARC/1.0\r\n")))).unwrap();
        assert!(opened.gzip && opened.head.starts_with(b"WARC/"));
    }
}
