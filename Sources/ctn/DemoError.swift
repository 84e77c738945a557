import ArgumentParser
import CTNModel
import CTNNode
import CTNTLS
import CurlHTTP
import Foundation

struct DemoError: Error, CustomStringConvertible { var description: String }
