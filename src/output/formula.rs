//! CSV formula safety: a serde serializer wrapper that prefixes every string a spreadsheet
//! could run as a formula with `'` (see the `output` module's documentation).

use serde::ser::{self, Serialize, Serializer};

/// Whether a CSV cell could be taken for a formula by a spreadsheet.
pub fn looks_like_formula(cell: &str) -> bool {
    matches!(cell.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// Serializes `T` with every string that [`looks_like_formula`] prefixed with `'`.
pub(super) struct FormulaSafe<'a, T: ?Sized>(pub(super) &'a T);

impl<T: Serialize + ?Sized> Serialize for FormulaSafe<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(Guard(serializer))
    }
}

/// A serializer that forwards to `S`, guarding strings (see [`FormulaSafe`]).
struct Guard<S>(S);

macro_rules! forward {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, v: $ty) -> std::result::Result<S::Ok, S::Error> { self.0.$method(v) })*
    };
}

impl<S: Serializer> Serializer for Guard<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Guard<S::SerializeSeq>;
    type SerializeTuple = Guard<S::SerializeTuple>;
    type SerializeTupleStruct = Guard<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Guard<S::SerializeTupleVariant>;
    type SerializeMap = Guard<S::SerializeMap>;
    type SerializeStruct = Guard<S::SerializeStruct>;
    type SerializeStructVariant = Guard<S::SerializeStructVariant>;

    forward! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_i128(i128); serialize_u8(u8); serialize_u16(u16);
        serialize_u32(u32); serialize_u64(u64); serialize_u128(u128); serialize_f32(f32);
        serialize_f64(f64); serialize_bytes(&[u8]);
    }

    fn serialize_char(self, v: char) -> std::result::Result<S::Ok, S::Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> std::result::Result<S::Ok, S::Error> {
        if looks_like_formula(v) {
            self.0.serialize_str(&format!("'{v}"))
        } else {
            self.0.serialize_str(v)
        }
    }

    fn serialize_none(self) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_some(&FormulaSafe(v))
    }

    fn serialize_unit(self) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }

    fn serialize_unit_struct(self, name: &'static str) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &FormulaSafe(v))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        v: &T,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_newtype_variant(name, index, variant, &FormulaSafe(v))
    }

    fn serialize_seq(self, len: Option<usize>) -> std::result::Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(Guard)
    }

    fn serialize_tuple(self, len: usize) -> std::result::Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(Guard)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(Guard)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeTupleVariant, S::Error> {
        self.0.serialize_tuple_variant(name, index, variant, len).map(Guard)
    }

    fn serialize_map(self, len: Option<usize>) -> std::result::Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(Guard)
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(Guard)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeStructVariant, S::Error> {
        self.0.serialize_struct_variant(name, index, variant, len).map(Guard)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! guard_compound {
    ($($trait:ident :: $method:ident;)*) => {$(
        impl<C: ser::$trait> ser::$trait for Guard<C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> std::result::Result<(), C::Error> {
                self.0.$method(&FormulaSafe(v))
            }
            fn end(self) -> std::result::Result<C::Ok, C::Error> {
                self.0.end()
            }
        }
    )*};
}

guard_compound! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

impl<C: ser::SerializeMap> ser::SerializeMap for Guard<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> std::result::Result<(), C::Error> {
        self.0.serialize_key(k)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> std::result::Result<(), C::Error> {
        self.0.serialize_value(&FormulaSafe(v))
    }
    fn end(self) -> std::result::Result<C::Ok, C::Error> {
        self.0.end()
    }
}

impl<C: ser::SerializeStruct> ser::SerializeStruct for Guard<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> std::result::Result<(), C::Error> {
        self.0.serialize_field(key, &FormulaSafe(v))
    }
    fn skip_field(&mut self, key: &'static str) -> std::result::Result<(), C::Error> {
        self.0.skip_field(key)
    }
    fn end(self) -> std::result::Result<C::Ok, C::Error> {
        self.0.end()
    }
}

impl<C: ser::SerializeStructVariant> ser::SerializeStructVariant for Guard<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> std::result::Result<(), C::Error> {
        self.0.serialize_field(key, &FormulaSafe(v))
    }
    fn skip_field(&mut self, key: &'static str) -> std::result::Result<(), C::Error> {
        self.0.skip_field(key)
    }
    fn end(self) -> std::result::Result<C::Ok, C::Error> {
        self.0.end()
    }
}
