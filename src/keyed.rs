//! `keyed!`: an enum whose variants each have a key (for URLs and data attributes) and a
//! Japanese label, with `ALL`, `key`, `from_key` and `label_ja` written once for every such enum.

/// ```ignore
/// keyed! {
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum RowOrder {
///         Plan => "plan", "計画の順";
///         Share => "share", "割合の高い順";
///     }
/// }
/// ```
#[macro_export]
macro_rules! keyed {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $key:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($key),+].len()] = [$($name::$variant),+];

            /// The key in URLs and data attributes.
            pub fn key(self) -> &'static str {
                match self {
                    $( $name::$variant => $key, )+
                }
            }

            /// The label on screen.
            pub fn label_ja(self) -> &'static str {
                match self {
                    $( $name::$variant => $label, )+
                }
            }

            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.key() == key)
            }
        }
    };
}
