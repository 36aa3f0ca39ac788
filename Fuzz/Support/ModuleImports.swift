// Compiled into a fuzz build's partial copy of a module: SwiftPM builds the whole module, where
// another file's `import Foundation` makes Foundation's String API visible to every file; the
// fuzz build takes only the files a parser needs, so this file stands in for the rest.
import Foundation
