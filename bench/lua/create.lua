-- Creates a key pair (the server generates an RSA-2048 key) under a new name with every request: wrk ... -- <name prefix>
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"

function init(args)
  prefix = args[1]
  expected = 200
  wrong = 0
  n = 0
end

function request()
  return postKeypair('')
end
