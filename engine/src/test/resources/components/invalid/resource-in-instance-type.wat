;; expect: resource type definitions are not allowed inside component or instance types
(component
  (type (instance (type (resource (rep i32)))))
)
