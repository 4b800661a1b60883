;; expect: export type ascription is a type but the export is a func
(component
  (import "f" (func $f))
  (type $t u8)
  (export "a" (func $f) (type (eq $t)))
)
