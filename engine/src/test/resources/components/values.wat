;; 🪙 a start definition and a value export (decoded, reported as unsupported).
;; jco 1.35's text parser has no `(value ...)` definitions and encodes value import types
;; without the `valuebound` tag that Binary.md specifies, so the value section and value
;; imports are covered by hand-assembled bytes in DecoderUnitTest instead.
(component
  (import "init" (func $init (result string)))
  (start $init (result (value $out)))
  (export "out" (value $out))
)
