;; A binary WIT package as `wasm-tools component wit --wasm` lays one out, written as component
;; text: each interface is a component type exporting one instance type named "ns:pkg/name".
(component
  (type $numbers (component
    (type (instance
      (type u32)
      (export "count" (type (eq 0)))
      (type (record (field "lo" 1) (field "hi" 1)))
      (export "range" (type (eq 2)))
      (type (func (param "r" 3) (result 1)))
      (export "width" (func (type 4)))
    ))
    (export "ex:pkg/numbers@2.0.0" (instance (type 0)))
  ))
  (export "numbers" (type $numbers))
  (type $text (component
    (type (instance
      (type (list string))
      (type (func (param "words" 0) (result string)))
      (export "join" (func (type 1)))
    ))
    (export "ex:pkg/text@2.0.0" (instance (type 0)))
  ))
  (export "text" (type $text))
)
