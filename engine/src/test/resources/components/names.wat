;; Import/export names: interface names with versions, name attributes (implements,
;; versionsuffix, external-id) and resource-annotated function names.
(component
  (import "wasi:http/types@0.2.6" (instance $http))
  (import "wasi:io/poll@0.2" (versionsuffix ".6") (instance $poll))
  (import "primary" (implements "wasi:keyvalue/store@0.2.0") (instance $kv1))
  (import "secondary" (implements "wasi:keyvalue/store@0.2.0") (external-id "db:region-a") (instance $kv2))
  (import "slugify" (external-id "https://esm.unpkg.com/slugify@1.6.6") (func $slugify (param "text" string) (result string)))
  (import "counter" (type $counter (sub resource)))
  (import "[constructor]counter" (func $new (param "start" u32) (result (own $counter))))
  (import "[method]counter.next" (func $next (param "self" (borrow $counter)) (result u32)))
  (import "[static]counter.zero" (func $zero (result (own $counter))))
  (import "get-JSON" (func $json))
  (export "wasi:http/types@0.2.6" (instance $http))
  (export "kv" (implements "wasi:keyvalue/store@0.2.0") (instance $kv1))
  (export "wasi:io/poll@0.2" (versionsuffix ".6") (instance $poll))
)
