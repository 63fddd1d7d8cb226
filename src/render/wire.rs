//! Reading back the binary files a render keeps for the next one (the dependency
//! map, the search index's tables): every read checked, `None` past the end, so
//! that bytes cut short or made by something else are refused, never a panic.

/// Reads fixed-size little-endian numbers, varints and length-prefixed slices.
pub(super) struct Reader<'a>(pub(super) &'a [u8]);

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }

    pub(super) fn u128(&mut self) -> Option<u128> {
        self.take().map(u128::from_le_bytes)
    }

    /// A LEB128 varint (7 bits a byte, low first); `None` where the bytes end
    /// or it runs past 64 bits.
    pub(super) fn varint(&mut self) -> Option<usize> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let [b] = self.take::<1>()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return usize::try_from(n).ok();
            }
        }
        None
    }

    /// A varint length, then that many bytes.
    pub(super) fn slice(&mut self) -> Option<&'a [u8]> {
        let len = self.varint()?;
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(head)
    }

    /// The bytes not read yet.
    pub(super) fn rest(&self) -> &'a [u8] {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_is_there_and_nothing_past_it() {
        let bytes = [0x96, 0x01, 2, b'h', b'i', 7, 0, 0, 0];
        let mut r = Reader(&bytes);
        assert_eq!(r.varint(), Some(150));
        assert_eq!(r.slice(), Some(&b"hi"[..]));
        assert_eq!(r.u32(), Some(7));
        assert_eq!(r.u32(), None);
        assert!(r.rest().is_empty());
        // Cut short, or longer than 64 bits: no number.
        assert_eq!(Reader(&[0x80]).varint(), None);
        assert_eq!(Reader(&[0xff; 11]).varint(), None);
        assert_eq!(Reader(&[5, b'a']).slice(), None);
    }
}
