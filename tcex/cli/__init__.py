"""tcex.cli"""
