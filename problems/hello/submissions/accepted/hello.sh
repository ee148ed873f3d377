echo 'Hello, World!'
